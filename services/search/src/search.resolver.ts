import { badUserInput, normalize, type BaseContext } from '@hsg/common';
import { Arg, Ctx, Directive, Int, Query, Resolver } from 'type-graphql';
import { matchSql } from './fts';
import { rank, type Candidate } from './ranking';
import { SearchHit } from './search-hit';

export type SearchContext = BaseContext;

export const MAX_SEARCH_RESULTS = 50;
const MAX_TEXT = 50;

@Resolver()
export class SearchResolver {
  @Directive('@listSize(slicingArguments: ["first"])')
  @Query(() => [SearchHit], {
    description:
      'Finds regions, facilities, projects, indicators, organizations and people by a Chinese substring (南沙), pinyin (nansha, nsq) or English name (Nansha District), best first. One SQL statement per search.',
  })
  async search(
    @Arg('text', { description: 'What to look for; case, spaces and punctuation are ignored.' }) text: string,
    @Arg('first', () => Int, { defaultValue: 10, description: `How many hits to return (1–${MAX_SEARCH_RESULTS}).` }) first: number,
    @Ctx() { dataSource }: SearchContext,
  ): Promise<SearchHit[]> {
    const query = normalize(text);
    if (!query) throw badUserInput('"text" must contain at least one letter or digit.', 'text');
    if (query.length > MAX_TEXT) throw badUserInput(`"text" must be at most ${MAX_TEXT} letters and digits.`, 'text');
    if (first < 1 || first > MAX_SEARCH_RESULTS) throw badUserInput(`"first" must be between 1 and ${MAX_SEARCH_RESULTS}.`, 'first');
    // normalize() leaves only letters and digits, so the text needs no LIKE escaping.
    const candidates: Candidate[] = await dataSource.query(matchSql(dataSource), [`%${query}%`]);
    return rank(query, candidates, first);
  }
}
