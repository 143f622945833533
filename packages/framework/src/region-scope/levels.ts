import type { RegionLevel } from '../declarations/enums';

/**
 * How much a region's tier counts where regions are found by text, for typeahead: a province,
 * prefecture or named area (广州市) before a county (光泽县), a county before a township, when
 * their spellings match about as well. `search` multiplies a region's score by it, and
 * `regions(filter: { search })` orders by it after the quality of the match, so the two agree.
 */
export const LEVEL_WEIGHT: Record<keyof typeof RegionLevel, number> = {
  PROVINCE: 1,
  PREFECTURE: 1,
  AREA: 1,
  COUNTY: 0.9,
  TOWNSHIP: 0.8,
};
