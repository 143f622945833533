import { OrganizationType, searchColumnsOf, searchCondition, type BaseContext } from '@hsg/common';
import { Field, ID, InputType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { DATE_RULE, nextPeriodStart, periodStart } from './dates';
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
}

@InputType({ description: 'Which people to list; all given conditions must hold.' })
export class PersonFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name, or of its pinyin ("liuliqun", initials "llq").' })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only people with a post (at any date) in this organization.' })
  organizationId?: string | null;
}

@InputType({ description: 'Which meetings to list; all given conditions must hold.' })
export class MeetingFilter {
  @Field(() => ID, { nullable: true, description: "Held within this region's whole subtree." })
  regionId?: string | null;

  @Field(() => String, { nullable: true, description: `Held on or after this date. ${DATE_RULE}` })
  from?: string | null;

  @Field(() => String, { nullable: true, description: `Held on or before this date. ${DATE_RULE}` })
  to?: string | null;
}

/** Region.officials' options; the key its loader batches by. */
export interface OfficialsFilter {
  asOf: string | null;
  headsOnly: boolean;
}

export function organizationQuery(
  { dataSource, regions }: BaseContext,
  filter: OrganizationFilter | null | undefined,
  regionIds?: string[],
) {
  const qb = dataSource.getRepository(Organization).createQueryBuilder('o').orderBy('o.id', 'ASC');
  const scope = regionIds ?? (filter?.regionId ? [filter.regionId] : null);
  if (scope) regions.whereWithinAny(qb, 'o.regionId', scope);
  if (filter?.type) qb.andWhere('o.type = :type', { type: filter.type });
  if (filter?.search != null) qb.andWhere(...searchCondition('o', searchColumnsOf(Organization), filter.search));
  return qb;
}

export function personQuery(dataSource: DataSource, filter: PersonFilter | null | undefined) {
  const qb = dataSource.getRepository(Person).createQueryBuilder('p').orderBy('p.id', 'ASC');
  if (filter?.search != null) qb.andWhere(...searchCondition('p', searchColumnsOf(Person), filter.search));
  if (filter?.organizationId) {
    const holders = qb.subQuery().select('hp.personId').from(Post, 'hp').where('hp.organizationId = :org').getQuery();
    qb.andWhere(`p.id IN ${holders}`, { org: filter.organizationId });
  }
  return qb;
}

export function meetingQuery({ dataSource, regions }: BaseContext, filter: MeetingFilter | null | undefined) {
  const qb = dataSource.getRepository(Meeting).createQueryBuilder('m').orderBy('m.date', 'ASC').addOrderBy('m.id', 'ASC');
  if (filter?.regionId) regions.whereWithinAny(qb, 'm.regionId', [filter.regionId]);
  if (filter?.from != null) qb.andWhere('m.date >= :from', { from: periodStart(filter.from, 'filter.from') });
  if (filter?.to != null) qb.andWhere('m.date < :toEnd', { toEnd: nextPeriodStart(filter.to, 'filter.to') });
  return qb;
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
  if (filter.asOf != null) qb.andWhere('p.asOf < :asOfEnd', { asOfEnd: nextPeriodStart(filter.asOf, 'asOf') });
  return qb;
}
