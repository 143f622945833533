import { badUserInput, SEARCHED_TYPES } from '@hsg/core';
import { normalize, RegionLevel, type BaseContext } from '@hsg/framework';
import { Arg, Ctx, Directive, ID, Int, Query, Resolver } from 'type-graphql';
import { searchStatement } from './fts';
import { toHit, type RankedSpelling } from './ranking';
import { SearchHit } from './search-hit';
import { searchWithin, withinBounds } from './within';
import { searchWords } from './words';

export type SearchContext = BaseContext;

export const MAX_SEARCH_RESULTS = 50;
const MAX_TEXT = 50;
const LEVELS = Object.keys(RegionLevel);

@Resolver()
export class SearchResolver {
  @Directive('@listSize(slicingArguments: ["first"])')
  @Query(() => [SearchHit], {
    description:
      'Finds regions, facilities, projects, indicators, organizations, people, designations, meetings and plans by a Chinese substring (南沙), pinyin (nansha, nsq), English name (Nansha District) or alias (托育), best first. A text of several words (split at spaces and punctuation) finds the spellings that contain every word in any order ("Shenzhen health commission" → Shenzhen Municipal Health Commission; English "of", "the", "and" are skipped); a spelling that contains the whole text ranks above one that only has all its words. One SQL statement per search.',
  })
  async search(
    @Arg('text', { description: 'What to look for; case, spaces and punctuation are ignored.' }) text: string,
    @Arg('first', () => Int, { defaultValue: 10, description: `How many hits to return (1–${MAX_SEARCH_RESULTS}).` }) first: number,
    @Arg('types', () => [String], {
      nullable: true,
      description: `Only hits of these types (${SEARCHED_TYPES.join(', ')}): a typeahead for regions asks ["Region"].`,
    })
    types: string[] | null,
    @Arg('levels', () => [RegionLevel], {
      nullable: true,
      description: `Only regions of these tiers (at most ${LEVELS.length}): a typeahead for cities asks [PREFECTURE]. Only a region has a tier, so \`levels\` means Region hits only (a typeahead that mixes cities with facilities makes two searches); with \`types\` it must leave Region among them.`,
    })
    levels: (keyof typeof RegionLevel)[] | null,
    @Arg('within', () => ID, {
      nullable: true,
      description: `Only hits that lie within this region, given by its code ("440100") or a named area's id ("greater-bay-area"), at most ${withinBounds.maxLength} characters: the region itself and the regions below it, and the other records whose region is one of those (a facility, project, organization, meeting, plan or designation by the region it names; an indicator or person names none and is left out). "Within" is the graph's one rule: a division's subtree by its code, a named area as the divisions it groups.`,
    })
    within: string | null,
    @Ctx() { dataSource, regions }: SearchContext,
  ): Promise<SearchHit[]> {
    const query = normalize(text);
    if (!query) throw badUserInput('"text" must contain at least one letter or digit.', 'text');
    if (query.length > MAX_TEXT) throw badUserInput(`"text" must be at most ${MAX_TEXT} letters and digits.`, 'text');
    if (first < 1 || first > MAX_SEARCH_RESULTS) throw badUserInput(`"first" must be between 1 and ${MAX_SEARCH_RESULTS}.`, 'first');
    const words = searchWords(text);
    const unknown = (types ?? []).filter((t) => !(SEARCHED_TYPES as readonly string[]).includes(t));
    if (unknown.length)
      throw badUserInput(`"types" names no type search finds: ${unknown.join(', ')}. Use ${SEARCHED_TYPES.join(', ')}.`, 'types');
    if ((types?.length ?? 0) > SEARCHED_TYPES.length) throw badUserInput(`"types" names at most ${SEARCHED_TYPES.length} types.`, 'types');
    if ((levels?.length ?? 0) > LEVELS.length)
      throw badUserInput(`"levels" names at most ${LEVELS.length} tiers (${LEVELS.join(', ')}).`, 'levels');
    if (levels?.length && types?.length && !types.includes('Region'))
      throw badUserInput(
        '"levels" keeps Region hits only, and "types" leaves Region out: nothing could match. Add "Region" to "types".',
        'levels',
      );
    const { sql, parameters } = searchStatement(dataSource, query, words, first, {
      types: [...new Set(types ?? [])],
      levels: [...new Set(levels ?? [])],
      within: within == null ? [] : searchWithin(within, regions),
    });
    const ranked: RankedSpelling[] = await dataSource.query(sql, parameters);
    return ranked.map(toHit);
  }
}
