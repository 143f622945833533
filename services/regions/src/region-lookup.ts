import { notFound } from '@hsg/core';
import { loadPresent, type RegionLevel } from '@hsg/framework';
import { GraphQLError } from 'graphql';
import type { RegionsContext } from './loaders';
import { Region } from './region';

/** How many candidates an ambiguous name's error lists. */
const LISTED = 20;
/** Longer than any division's name (the longest in the code list has 24 characters). */
const MAX_NAME = 50;

/** A region by its code (or an area's id), else by its slug ("guangzhou"); NOT_FOUND names what was asked. */
export async function regionByIdOrSlug(id: string, ctx: RegionsContext): Promise<Region> {
  const found = (await ctx.regionById.load(id)) ?? (await ctx.regionBySlug.load(id.toLowerCase()));
  if (!found) throw notFound('Region', id);
  return found;
}

/**
 * The one region a name names, within `level` if given: its full or short name (an indexed
 * lookup), or else its English name (any case) or an alias (a scan, taken only when no name
 * matched). A full-name match wins over short names (南沙区 is 440115 though 南沙 is also a
 * township's short name). None is NOT_FOUND; more than one is BAD_USER_INPUT listing them with their
 * codes and parents, so the caller can ask by code or add `level`.
 */
export async function regionByName(name: string, level: keyof typeof RegionLevel | null, ctx: RegionsContext): Promise<Region> {
  const asked = name.trim();
  if (!asked || asked.length > MAX_NAME) {
    throw new GraphQLError(`"name" must be 1 to ${MAX_NAME} characters.`, { extensions: { code: 'BAD_USER_INPUT', field: 'name' } });
  }
  const find = (condition: string, parameters: Record<string, string>) => {
    const qb = ctx.dataSource.getRepository(Region).createQueryBuilder('r').where(condition, parameters).orderBy('r.id', 'ASC');
    if (level) qb.andWhere('r.level = :level', { level });
    return qb.getMany();
  };
  let matches = await find('(r.name = :name OR r.shortName = :name)', { name: asked });
  if (matches.length === 0) {
    matches = await find("(LOWER(r.nameEn) = :lower OR r.aliases LIKE :alias ESCAPE '\\')", {
      lower: asked.toLowerCase(),
      // Aliases are stored as a JSON array, so an alias is a quoted element of it.
      alias: `%${JSON.stringify(asked).replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    });
  }
  const byFullName = matches.filter((r) => r.name === asked);
  const candidates = byFullName.length ? byFullName : matches;
  if (candidates.length === 1) return candidates[0];
  const within = level ? ` at level ${level}` : '';
  if (candidates.length === 0) {
    throw new GraphQLError(
      `No region is named "${asked}"${within} (full, short or English name, or an alias). Try search(text: "${asked}").`,
      {
        extensions: { code: 'NOT_FOUND', typeName: 'Region', name: asked },
      },
    );
  }
  const parents = await loadPresent(
    ctx.regionById,
    candidates.slice(0, LISTED).flatMap((r) => (r.parentId ? [r.parentId] : [])),
  );
  const parentName = new Map(parents.map((p) => [p.id, p.name] as const));
  const listed = candidates.slice(0, LISTED).map((r) => ({
    id: r.id,
    name: r.name,
    level: r.level,
    parent: r.parentId ? (parentName.get(r.parentId) ?? r.parentId) : null,
  }));
  const more = candidates.length > LISTED ? `, and ${candidates.length - LISTED} more` : '';
  throw new GraphQLError(
    `"${asked}" names ${candidates.length} regions${within}: ${listed
      .map((c) => `${c.id} ${c.name} (${c.level}${c.parent ? `, in ${c.parent}` : ''})`)
      .join('; ')}${more}. Ask by id (region(id: "${listed[0].id}")), or narrow it with level.`,
    { extensions: { code: 'BAD_USER_INPUT', field: 'name', candidates: listed } },
  );
}
