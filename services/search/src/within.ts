import { badUserInput } from '@hsg/core';
import { regionId, type RegionScope } from '@hsg/framework';

/** The longest `within` taken: as long as any id the graph accepts. */
export const withinBounds = { maxLength: 100 };

/**
 * The regions a `within` id stands for (RegionScope.parts: the region, and a named area's members),
 * or BAD_USER_INPUT naming `within` for an id that is malformed, too long or names no region —
 * told from the names read at start, so no statement is spent on it.
 */
export function searchWithin(within: string, regions: RegionScope): string[] {
  if (within.length > withinBounds.maxLength)
    throw badUserInput(`"within" must be at most ${withinBounds.maxLength} characters.`, 'within');
  if (!regionId.safeParse(within).success)
    throw badUserInput(
      `"within" must be a region's code (6 digits, 9 for a township: "440100") or a named area's id ("greater-bay-area"); got "${within.slice(0, 40)}".`,
      'within',
    );
  if (regions.nameOf(within) === undefined) throw badUserInput(`"within" names no region: "${within}".`, 'within');
  return regions.parts(within);
}
