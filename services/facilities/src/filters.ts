import {
  type BaseContext,
  DesignationKind,
  DesignationStatus,
  FacilityType,
  Ownership,
  ProjectStatus,
  ProjectType,
  searchColumnsOf,
  searchCondition,
  whereSearch,
  whereCites,
  composable,
  whereComposed,
  DATE_RULE,
  firstDaySql,
  nextPeriodStart,
  periodStart,
} from '@hsg/framework';
import { badUserInput } from '@hsg/core';
import { Field, ID, InputType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Designation } from './designation';
import { Facility } from './facility';
import { Programme } from './programme';
import { Project, statusesMatching } from './project';

@InputType({ description: 'Which facilities to list; all given conditions must hold.' })
export class FacilityFilter {
  @Field(() => ID, { nullable: true, description: "Within this region's whole subtree (440100 includes every Guangzhou district)." })
  regionId?: string | null;

  @Field(() => [FacilityType], { nullable: true, description: 'Only these types.' })
  types?: (keyof typeof FacilityType)[] | null;

  @Field(() => [DesignationKind], { nullable: true, description: 'Only facilities hosting a designation of one of these kinds.' })
  designationKinds?: (keyof typeof DesignationKind)[] | null;

  @Field(() => [Ownership], {
    nullable: true,
    description: 'Only facilities of these ownerships (where the sources tell; a facility of unknown ownership never matches).',
  })
  ownership?: (keyof typeof Ownership)[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Part of the name, an alias, the English name or the affiliation, or of the name\'s pinyin ("nansha", initials "nsq").',
  })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only facilities citing this source ("003", the 2025-03-03 issue).' })
  sourceId?: string | null;
}
composable(FacilityFilter, { named: true });

@InputType({ description: 'Which projects to list; all given conditions must hold.' })
export class ProjectFilter {
  @Field(() => ID, {
    nullable: true,
    description: "Within this region's whole subtree (a 南沙区 440115 project is a Guangzhou 440100 project).",
  })
  regionId?: string | null;

  @Field(() => [DesignationKind], {
    nullable: true,
    description: "Only projects tied to one of these designations: the project's facility, or that facility's parent, hosts one.",
  })
  designationKinds?: (keyof typeof DesignationKind)[] | null;

  @Field(() => [ProjectStatus], {
    nullable: true,
    description:
      'Only projects whose latest status is one of these; UNDER_CONSTRUCTION finds the stages within it too (STARTED, STRUCTURE_COMPLETED).',
  })
  status?: (keyof typeof ProjectStatus)[] | null;

  @Field(() => [ProjectType], { nullable: true, description: 'Only these kinds of build-out.' })
  type?: (keyof typeof ProjectType)[] | null;

  @Field(() => String, {
    nullable: true,
    description: `Only projects whose status is dated (\`statusAsOf\`) on or after this date; a project with no dated status never matches. ${DATE_RULE}`,
  })
  statusFrom?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Only projects whose status is dated (\`statusAsOf\`) on or before this date ("2024" holds every date of 2024). ${DATE_RULE}`,
  })
  statusTo?: string | null;

  @Field(() => String, { nullable: true, description: "Part of the project's name or plan section, or of the name's pinyin." })
  search?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only projects citing this source, in their citations or a status report ("003", the 2025-03-03 issue).',
  })
  sourceId?: string | null;
}
composable(ProjectFilter, { named: true });

@InputType({ description: 'Which designations to list; all given conditions must hold.' })
export class DesignationFilter {
  @Field(() => [DesignationKind], { nullable: true, description: 'Only these kinds.' })
  kinds?: (keyof typeof DesignationKind)[] | null;

  @Field(() => [DesignationStatus], { nullable: true, description: 'Only these statuses.' })
  status?: (keyof typeof DesignationStatus)[] | null;

  @Field(() => ID, { nullable: true, description: "Only designations whose host lies within this region's subtree." })
  regionId?: string | null;

  @Field(() => String, { nullable: true, description: "Part of the designation's name, or of its pinyin." })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only designations citing this source ("002", the Guangzhou plan).' })
  sourceId?: string | null;
}
composable(DesignationFilter, { named: true });

/** Ids of facilities hosting a designation of the given kinds (a sub-select, so the whole filter stays one statement). */
function hostsOf(qb: SelectQueryBuilder<ObjectLiteral>, param: string): string {
  return qb
    .subQuery()
    .select('d.hostId')
    .from(Designation, 'd')
    .where(`d.kind IN (:...${param})`)
    .andWhere('d.hostId IS NOT NULL')
    .getQuery();
}

export function facilityQuery(ctx: BaseContext, filter: FacilityFilter | null | undefined, regionIds?: string[]) {
  const { dataSource, regions } = ctx;
  const qb = dataSource.getRepository(Facility).createQueryBuilder('f').orderBy('f.id', 'ASC');
  const scope = regionIds ?? (filter?.regionId ? [filter.regionId] : null);
  if (scope) regions.whereWithinAny(qb, 'f.regionId', scope);
  if (filter?.types?.length) qb.andWhere('f.type IN (:...types)', { types: filter.types });
  if (filter?.designationKinds?.length) {
    qb.andWhere(`f.id IN ${hostsOf(qb as SelectQueryBuilder<ObjectLiteral>, 'kinds')}`, { kinds: filter.designationKinds });
  }
  if (filter?.ownership?.length) qb.andWhere('f.ownership IN (:...ownership)', { ownership: filter.ownership });
  if (filter?.search != null) whereSearch(qb, Facility, filter.search);
  whereComposed(qb, filter, (f) => facilityQuery(ctx, f));
  return whereCites(qb, 'f', filter?.sourceId);
}

export function projectQuery(ctx: BaseContext, filter: ProjectFilter | null | undefined, regionIds?: string[]) {
  const { dataSource, regions } = ctx;
  const qb = dataSource.getRepository(Project).createQueryBuilder('p').orderBy('p.id', 'ASC');
  const scope = regionIds ?? (filter?.regionId ? [filter.regionId] : null);
  if (scope) regions.whereWithinAny(qb, 'p.regionId', scope);
  if (filter?.status?.length) qb.andWhere('p.status IN (:...status)', { status: statusesMatching(filter.status) });
  if (filter?.type?.length) qb.andWhere('p.type IN (:...ptype)', { ptype: filter.type });
  // A status dated "2024" counts from 2024-01-01, as posts' dates do.
  if (filter?.statusFrom != null) {
    qb.andWhere(`${firstDaySql('p.statusAsOf')} >= :statusFrom`, { statusFrom: periodStart(filter.statusFrom, 'filter.statusFrom') });
  }
  if (filter?.statusTo != null) {
    qb.andWhere(`${firstDaySql('p.statusAsOf')} < :statusToEnd`, { statusToEnd: nextPeriodStart(filter.statusTo, 'filter.statusTo') });
  }
  if (filter?.designationKinds?.length) {
    const hosts = hostsOf(qb as SelectQueryBuilder<ObjectLiteral>, 'kinds');
    const tied = qb.subQuery().select('tf.id').from(Facility, 'tf').where(`(tf.id IN ${hosts} OR tf.parentId IN ${hosts})`).getQuery();
    qb.andWhere(`p.facilityId IN ${tied}`, { kinds: filter.designationKinds });
  }
  if (filter?.search != null) whereSearch(qb, Project, filter.search);
  whereComposed(qb, filter, (f) => projectQuery(ctx, f));
  return whereCites(qb, 'p', filter?.sourceId);
}

export function designationQuery(ctx: BaseContext, filter: DesignationFilter | null | undefined) {
  const { dataSource, regions } = ctx;
  const qb = dataSource.getRepository(Designation).createQueryBuilder('d').orderBy('d.id', 'ASC');
  if (filter?.kinds?.length) qb.andWhere('d.kind IN (:...kinds)', { kinds: filter.kinds });
  if (filter?.status?.length) qb.andWhere('d.status IN (:...status)', { status: filter.status });
  if (filter?.regionId) {
    const sub = qb.subQuery().select('hf.id').from(Facility, 'hf');
    regions.whereWithinAny(sub, 'hf.regionId', [filter.regionId]);
    qb.andWhere(`d.hostId IN ${sub.getQuery()}`).setParameters(sub.getParameters());
  }
  if (filter?.search != null) whereSearch(qb, Designation, filter.search);
  whereComposed(qb, filter, (f) => designationQuery(ctx, f));
  return whereCites(qb, 'd', filter?.sourceId);
}

@InputType({ description: 'Which programmes to list; all given conditions must hold.' })
export class ProgrammeFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Part of the programme\'s name or plan section, or of the name\'s pinyin ("1+1+6", "专栏6").',
  })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only programmes citing this source ("002", the Guangzhou plan).' })
  sourceId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Only the groupings of this part of their plan, as `planSection` writes it: "专栏4 工程2" gives the heading\'s grouping and the "1+1+6" listed in it; a box, "专栏4", every grouping in the box. Whole parts only ("专栏1" is not "专栏10").',
  })
  planSection?: string | null;
}
composable(ProgrammeFilter, { named: true });

export function programmeQuery(ctx: BaseContext, filter: ProgrammeFilter | null | undefined) {
  const { dataSource } = ctx;
  const qb = dataSource.getRepository(Programme).createQueryBuilder('g').orderBy('g.id', 'ASC');
  // The texts make a handful of programmes: a scan, with no trigram index to keep.
  if (filter?.search != null) qb.andWhere(...searchCondition('g', searchColumnsOf(Programme), filter.search));
  if (filter?.planSection != null) wherePlanSection(qb, filter.planSection);
  whereComposed(qb, filter, (f) => programmeQuery(ctx, f));
  return whereCites(qb, 'g', filter?.sourceId);
}

/**
 * `ProgrammeFilter.planSection`: the part itself, or a part within it ("专栏4" holds "专栏4 工程2"),
 * compared whole, never as a prefix of another part's number ("专栏1" is not "专栏10").
 */
function wherePlanSection(qb: SelectQueryBuilder<Programme>, value: string) {
  const part = value.trim().replace(/\s+/g, ' ');
  if (part.length < 1 || part.length > 50) throw badUserInput('"filter.planSection" must be 1 to 50 characters.', 'filter.planSection');
  const within = `${part} `;
  qb.andWhere(`(g.planSection = :planSection OR SUBSTR(g.planSection, 1, ${[...within].length}) = :planSectionWithin)`, {
    planSection: part,
    planSectionWithin: within,
  });
}
