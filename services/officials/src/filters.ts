import {
  anyColumnLike,
  likePattern,
  OrganizationType,
  whereSearch,
  whereCites,
  type BaseContext,
  DATE_RULE,
  firstDaySql,
  nextPeriodStart,
  periodStart,
  composable,
  whereComposed,
  ListPredicate,
  whereListHas,
} from '@hsg/framework';
import { Field, ID, InputType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { Meeting } from './meeting';
import { Organization } from './organization';
import { Person } from './person';
import { Post } from './post';

@InputType({ description: 'Which organizations to list; all given conditions must hold.' })
export class OrganizationFilter {
  @Field(() => ID, {
    nullable: true,
    description: "Within this region's whole subtree (440000 includes Guangzhou's and Shenzhen's bodies).",
  })
  regionId?: string | null;

  @Field(() => OrganizationType, { nullable: true, description: 'Only this kind of body.' })
  type?: keyof typeof OrganizationType | null;

  @Field(() => String, { nullable: true, description: 'Part of the name, short name or an alias, or of their pinyin.' })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only organizations this source names ("003", the 2025-03-03 issue).' })
  sourceId?: string | null;
}
composable(OrganizationFilter, { named: true });

@InputType({ description: 'Which people to list; all given conditions must hold.' })
export class PersonFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name, or of its pinyin ("liuliqun", initials "llq").' })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only people with a post (at any date) in this organization.' })
  organizationId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Only people with a post (at any date) in one of these organizations (with `organizationId`, in that one as well).',
  })
  organizationIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only people this source names ("003", the 2025-03-03 issue).' })
  sourceId?: string | null;
}
composable(PersonFilter, { named: true });

@InputType({ description: 'Which meetings to list; all given conditions must hold.' })
export class MeetingFilter {
  @Field(() => ID, { nullable: true, description: "Held within this region's whole subtree." })
  regionId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Held on or after this date: the first day it can have been held on (\`earliestDate\`) is not before it. ${DATE_RULE}`,
  })
  from?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Held on or before this date: the last day it can have been held on (\`latestDate\`) is within it or before. A meeting reported as held 近日 in the 2025-03-03 issue matches \`to: "2025-03-03"\`. ${DATE_RULE}`,
  })
  to?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only meetings reported by this source ("003", the 2025-03-03 issue).' })
  sourceId?: string | null;
}
composable(MeetingFilter, { named: true });

@InputType({ description: 'Which posts (dated sightings of who held which titles) to list; all given conditions must hold.' })
export class PostFilter {
  @Field(() => String, { nullable: true, description: `Seen on or after this date. ${DATE_RULE}` })
  from?: string | null;

  @Field(() => String, { nullable: true, description: `Seen on or before this date. ${DATE_RULE}` })
  to?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Part of one of the titles as written ("主任", "党组书记"): "主任" also matches 副主任; `titles` matches exactly.',
  })
  title?: string | null;

  @Field(() => ListPredicate, {
    nullable: true,
    description: 'The titles, each compared exactly: { hasAll: ["党组书记", "主任"] } holds both; { has: "主任" } never matches 副主任.',
  })
  titles?: ListPredicate | null;

  @Field(() => [ID], { nullable: true, description: 'Only posts in one of these organizations.' })
  organizationIds?: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description: "Only posts in organizations of this region's whole subtree (440000 includes Guangzhou's and Shenzhen's bodies).",
  })
  regionId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only posts heading their organization (true), or only the others (false).' })
  isHead?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only posts seen in this source ("003", the 2025-03-03 issue).' })
  sourceId?: string | null;
}
composable(PostFilter, { named: false });

/** Region.officials' options; the key its loader batches by. */
export interface OfficialsFilter {
  asOf: string | null;
  headsOnly: boolean;
}

export function organizationQuery(ctx: BaseContext, filter: OrganizationFilter | null | undefined, regionIds?: string[]) {
  const { dataSource, regions } = ctx;
  const qb = dataSource.getRepository(Organization).createQueryBuilder('o').orderBy('o.id', 'ASC');
  const scope = regionIds ?? (filter?.regionId ? [filter.regionId] : null);
  if (scope) regions.whereWithinAny(qb, 'o.regionId', scope);
  if (filter?.type) qb.andWhere('o.type = :type', { type: filter.type });
  if (filter?.search != null) whereSearch(qb, Organization, filter.search);
  whereComposed(qb, filter, (f) => organizationQuery(ctx, f));
  return whereCites(qb, 'o', filter?.sourceId);
}

export function personQuery(dataSource: DataSource, filter: PersonFilter | null | undefined) {
  const qb = dataSource.getRepository(Person).createQueryBuilder('p').orderBy('p.id', 'ASC');
  if (filter?.search != null) whereSearch(qb, Person, filter.search);
  if (filter?.organizationId) {
    const holders = qb.subQuery().select('hp.personId').from(Post, 'hp').where('hp.organizationId = :org').getQuery();
    qb.andWhere(`p.id IN ${holders}`, { org: filter.organizationId });
  }
  if (filter?.organizationIds?.length) {
    const holders = qb.subQuery().select('hps.personId').from(Post, 'hps').where('hps.organizationId IN (:...orgs)').getQuery();
    qb.andWhere(`p.id IN ${holders}`, { orgs: filter.organizationIds });
  }
  whereComposed(qb, filter, (f) => personQuery(dataSource, f));
  return whereCites(qb, 'p', filter?.sourceId);
}

export function postQuery(ctx: BaseContext, filter: PostFilter | null | undefined) {
  const { dataSource, regions } = ctx;
  const qb = dataSource.getRepository(Post).createQueryBuilder('p').orderBy('p.asOf', 'ASC').addOrderBy('p.id', 'ASC');
  // A post dated "2024" counts from 2024-01-01: `from: "2024-01-01"` keeps it and `to: "2023-12-31"` does not
  // (plain string order would say the opposite of both).
  if (filter?.from != null) qb.andWhere(`${firstDaySql('p.asOf')} >= :from`, { from: periodStart(filter.from, 'filter.from') });
  if (filter?.to != null) qb.andWhere(`${firstDaySql('p.asOf')} < :toEnd`, { toEnd: nextPeriodStart(filter.to, 'filter.to') });
  if (filter?.title != null) qb.andWhere(anyColumnLike('p', ['titles'], 'title'), { title: likePattern(filter.title, 'filter.title') });
  if (filter?.organizationIds?.length) qb.andWhere('p.organizationId IN (:...orgs)', { orgs: filter.organizationIds });
  if (filter?.isHead != null) qb.andWhere('p.isHead = :isHead', { isHead: filter.isHead });
  if (filter?.regionId) {
    const sub = qb.subQuery().select('po.id').from(Organization, 'po');
    regions.whereWithinAny(sub, 'po.regionId', [filter.regionId]);
    qb.andWhere(`p.organizationId IN ${sub.getQuery()}`).setParameters(sub.getParameters());
  }
  whereListHas(qb, 'p.titles', filter?.titles, 'filter.titles', 'titles');
  whereComposed(qb, filter, (f) => postQuery(ctx, f));
  return whereCites(qb, 'p', filter?.sourceId);
}

export function meetingQuery(ctx: BaseContext, filter: MeetingFilter | null | undefined) {
  const { dataSource, regions } = ctx;
  const qb = dataSource.getRepository(Meeting).createQueryBuilder('m').orderBy('m.date', 'ASC').addOrderBy('m.id', 'ASC');
  if (filter?.regionId) regions.whereWithinAny(qb, 'm.regionId', [filter.regionId]);
  // A meeting matches only when every day it can have been held on lies in the range.
  if (filter?.from != null) qb.andWhere('m.earliestDate >= :from', { from: periodStart(filter.from, 'filter.from') });
  if (filter?.to != null) qb.andWhere('m.latestDate < :toEnd', { toEnd: nextPeriodStart(filter.to, 'filter.to') });
  whereComposed(qb, filter, (f) => meetingQuery(ctx, f));
  return whereCites(qb, 'm', filter?.sourceId);
}

/** Posts of organizations within any of the regions, each with its organization joined (for splitting per region). */
export function officialsQuery({ dataSource, regions }: BaseContext, filter: OfficialsFilter, regionIds: string[]) {
  const qb = dataSource
    .getRepository(Post)
    .createQueryBuilder('p')
    .innerJoinAndMapOne('p.joinedOrganization', Organization, 'o', 'o.id = p.organizationId')
    .orderBy('p.asOf', 'ASC')
    .addOrderBy('p.id', 'ASC');
  regions.whereWithinAny(qb, 'o.regionId', regionIds);
  if (filter.headsOnly) qb.andWhere('p.isHead = :head', { head: true });
  if (filter.asOf == null) return qb;
  qb.andWhere(`${firstDaySql('p.asOf')} < :asOfEnd`, { asOfEnd: nextPeriodStart(filter.asOf, 'asOf') });
  // The picture at the date, in SQL: a post stands unless the same list holds a later sighting of
  // the same person in the same organization (later in the list's order: asOf, then id), and a
  // head's post unless it holds a later head sighting in the organization (a 2025 director
  // supersedes a 2021 one).
  const sameList = (alias: string) => {
    const sub = qb
      .subQuery()
      .select('1')
      .from(Post, alias)
      .where(`${alias}.organizationId = p.organizationId`)
      .andWhere(`${firstDaySql(`${alias}.asOf`)} < :asOfEnd`);
    return filter.headsOnly ? sub.andWhere(`${alias}.isHead = :head`) : sub;
  };
  const laterOfPerson = sameList('lp')
    .andWhere('lp.personId = p.personId')
    .andWhere('(lp.asOf > p.asOf OR (lp.asOf = p.asOf AND lp.id > p.id))');
  const laterHead = sameList('lh').andWhere('lh.isHead = :head').andWhere('lh.asOf > p.asOf');
  qb.andWhere(`NOT EXISTS ${laterOfPerson.getQuery()}`).andWhere(`(p.isHead = :notHead OR NOT EXISTS ${laterHead.getQuery()})`, {
    head: true,
    notHead: false,
  });
  return qb;
}
