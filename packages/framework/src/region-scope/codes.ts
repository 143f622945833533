import { DIVISION_CODE } from '../declarations/rules';

/**
 * "Within region X" without asking the regions subgraph. A division code's prefix is its place in
 * the hierarchy (44xxxx lies in Guangdong 440000, 4401xx in Guangzhou 440100, 440115xxx in Nansha
 * 440115; the regions seed check keeps every parentId in agreement with it). A township's 9-digit
 * code matches only itself. A named area is no division: it is the union of the divisions it
 * groups (粤港澳大湾区 = its 11 cities), plus whatever is recorded against the area itself.
 */
export function regionPrefix(regionId: string): string {
  if (!/^\d{6}$/.test(regionId)) return regionId;
  if (regionId.endsWith('0000')) return regionId.slice(0, 2);
  if (regionId.endsWith('00')) return regionId.slice(0, 4);
  return regionId;
}

/** Whether a region id names a subtree matched by code prefix (a province, prefecture or county). */
export const hasSubtree = (regionId: string) => /^\d{6}$/.test(regionId);

/** Whether a row's region lies within one division's subtree (or is that area or township itself). */
export function withinDivision(rowRegionId: string, regionId: string): boolean {
  return (
    rowRegionId === regionId || (hasSubtree(regionId) && DIVISION_CODE.test(rowRegionId) && rowRegionId.startsWith(regionPrefix(regionId)))
  );
}
