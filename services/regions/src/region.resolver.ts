import { traced, badUserInput } from '@hsg/core';
import {
  BEST_MATCH_FIRST,
  Connection,
  ListedEntityResolver,
  loadPresent,
  PageArgs,
  RegionKind,
  RegionLevel,
  RegionSource,
  whereSearch,
  withinDivisionSql,
  type ConnectionShape,
  composable,
  whereCites,
  whereComposed,
} from '@hsg/framework';
import type { DataSource } from 'typeorm';
import { Arg, Args, Ctx, Directive, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import type { RegionsContext } from './loaders';
import { Region } from './region';
import { regionByIdOrSlug, regionByName } from './region-lookup';

export const RegionConnection = Connection(Region, 'Region', 'A page of regions.');

@InputType({ description: 'Which regions to list; all conditions must hold.' })
export class RegionFilter {
  @Field(() => RegionLevel, { nullable: true, description: 'Only this tier.' })
  level?: keyof typeof RegionLevel | null;

  @Field(() => RegionKind, { nullable: true, description: 'Only this kind.' })
  kind?: keyof typeof RegionKind | null;

  @Field(() => ID, { nullable: true, description: 'Only the direct children of this region.' })
  parentId?: string | null;

  @Field(() => RegionSource, {
    nullable: true,
    description: 'Only regions from this source (CODE_LIST_AND_TEXT: the divisions the texts name).',
  })
  source?: keyof typeof RegionSource | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Part of the Chinese name, short name, an alias or the English name (case-insensitive), or of the pinyin ("panyu", initials "pyq").',
  })
  search?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only regions this source names ("002", the Guangzhou plan); the code list alone cites none.',
  })
  sourceId?: string | null;
}
composable(RegionFilter, { named: true });

/** Loads a region's ancestors, nearest first: one batched statement per level up. */
async function ancestorsOf(region: Region, ctx: RegionsContext): Promise<Region[]> {
  const chain: Region[] = [];
  let next = region.parentId;
  while (next && chain.length < 10) {
    const parent = await ctx.regionById.load(next);
    if (!parent) break;
    chain.push(parent);
    next = parent.parentId;
  }
  return chain;
}

/**
 * The regions below one, by id, as one SQL list (paged like any other): its code subtree by prefix
 * — the seed check keeps every division's parent its nearest listed ancestor by code, so the prefix
 * is the parent chain — and the areas placed within it (an area's parent is a division, and
 * nothing lies below an area: the seed check says so too).
 */
export function descendantQuery(dataSource: DataSource, regionId: string, level: keyof typeof RegionLevel | null | undefined) {
  const qb = dataSource.getRepository(Region).createQueryBuilder('r').orderBy('r.id', 'ASC');
  const [codes, codeParams] = withinDivisionSql('r.id', regionId, 'below');
  const [areas, areaParams] = withinDivisionSql('r.parentId', regionId, 'placedIn');
  qb.andWhere(`((${codes} AND r.id <> :self) OR (r.kind = :area AND ${areas}))`, {
    ...codeParams,
    ...areaParams,
    self: regionId,
    area: 'AREA',
  });
  if (level) qb.andWhere('r.level = :level', { level });
  return qb;
}

/** Regions matching a filter, by id (codes sort before slugs). */
export function regionQuery(dataSource: DataSource, filter: RegionFilter | null) {
  const qb = dataSource.getRepository(Region).createQueryBuilder('r').orderBy('r.id', 'ASC');
  if (filter?.level) qb.andWhere('r.level = :level', { level: filter.level });
  if (filter?.kind) qb.andWhere('r.kind = :kind', { kind: filter.kind });
  if (filter?.parentId) qb.andWhere('r.parentId = :parentId', { parentId: filter.parentId });
  if (filter?.source) qb.andWhere('r.source = :source', { source: filter.source });
  if (filter?.search != null) whereSearch(qb, Region, filter.search);
  whereComposed(qb, filter, (f) => regionQuery(dataSource, f));
  return whereCites(qb, 'r', filter?.sourceId);
}

@Resolver(() => Region)
export class RegionResolver extends ListedEntityResolver({
  type: Region,
  // region(id | name) is declared below.
  one: null,
  byId: (ctx: RegionsContext) => ctx.regionById,
  many: 'regions',
  manyDescription: `Regions, ordered by id (codes first; ${BEST_MATCH_FIRST}, then the higher tier — province, prefecture or area, then county, then township — then the id), filtered and paged.`,
  connection: RegionConnection,
  filter: RegionFilter,
  query: (ctx, filter) => regionQuery(ctx.dataSource, filter),
}) {
  @Query(() => Region, {
    nullable: true,
    description:
      'One region, by `id` — its code ("440100"), an area\'s id, or a slug ("guangzhou") — or by `name` — its full, short or English name or an alias ("广州", "广州市", "穗"). Give one of the two. An unknown id or name is NOT_FOUND; a name several regions share is BAD_USER_INPUT listing them with their codes (narrow it with `level`).',
  })
  region(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('name', () => String, { nullable: true, description: 'A full, short or English name, or an alias.' }) name: string | null,
    @Arg('level', () => RegionLevel, { nullable: true, description: 'With `name`: only regions of this tier.' })
    level: keyof typeof RegionLevel | null,
    @Ctx() ctx: RegionsContext,
  ): Promise<Region> {
    if ((id == null) === (name == null))
      throw badUserInput('Give region either "id" (a code, area id or slug) or "name", not both or neither.', id == null ? 'id' : 'name');
    // Traced as the other entities' lookups are (EntityResolver's `<Type>.byId`).
    return id != null
      ? traced('Region.byId', { 'graphql.field.name': 'region', 'hsg.entity.id': id }, () => regionByIdOrSlug(id, ctx))
      : traced('Region.byName', { 'graphql.field.name': 'region', 'hsg.entity.name': name! }, () => regionByName(name!, level, ctx));
  }

  @FieldResolver(() => Region, {
    nullable: true,
    description: 'The division directly above (null for a province-level division or an area without one).',
  })
  parent(@Root() region: Region, @Ctx() ctx: RegionsContext): Promise<Region | null> | null {
    return region.parentId ? ctx.regionById.load(region.parentId) : null;
  }

  // Priced near its longest list (52), not its typical length: see list-sizes.ts.
  @Directive('@listSize(assumedSize: 50)')
  @FieldResolver(() => [Region], {
    description: 'The divisions directly below, by id. Divisions only: the named areas placed in this one are its `areas`.',
  })
  async children(@Root() region: Region, @Ctx() ctx: RegionsContext): Promise<Region[]> {
    // An area's parentId places it in a division without making it one of the division's parts.
    return (await ctx.childrenOf.load(region.id)).filter((r) => r.level !== 'AREA');
  }

  @FieldResolver(() => [Region], {
    description:
      'The named areas placed in this division (广东省: 深圳都市圈, 珠三角地区 …), by id; empty for most. An area groups divisions (its `members`), so it is no child.',
  })
  async areas(@Root() region: Region, @Ctx() ctx: RegionsContext): Promise<Region[]> {
    // The same batched read as children: one statement for both, however many regions ask.
    return (await ctx.childrenOf.load(region.id)).filter((r) => r.level === 'AREA');
  }

  @FieldResolver(() => [Region], { description: 'Every division above, nearest first (Nansha → Guangzhou → Guangdong).' })
  ancestors(@Root() region: Region, @Ctx() ctx: RegionsContext): Promise<Region[]> {
    return ancestorsOf(region, ctx);
  }

  // Weighed above a plain list: a province's subtree is some 1,900 regions to count.
  @Directive('@cost(weight: 5)')
  @FieldResolver(() => RegionConnection, { description: 'Every division below, at any depth (or only at `level`), by id.' })
  descendants(
    @Root() region: Region,
    @Arg('level', () => RegionLevel, { nullable: true }) level: keyof typeof RegionLevel | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RegionsContext,
  ): Promise<ConnectionShape<Region>> {
    return ctx.descendantsOf.load({ parentId: region.id, filter: level, page });
  }

  @FieldResolver(() => [Region], { description: 'For a named area: the divisions it groups (empty for a division).' })
  async members(@Root() region: Region, @Ctx() ctx: RegionsContext): Promise<Region[]> {
    return loadPresent(ctx.regionById, region.memberIds);
  }
}
