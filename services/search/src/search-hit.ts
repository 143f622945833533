import { ENTITY_TYPES, SEARCHED_TYPES, type EntityTypeName, type SearchedTypeName } from '@hsg/core';
import { type SpellingField } from '@hsg/framework';
import { createUnionType, Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { nodeStub } from './node';

export const SEARCH_FIELDS: Record<SpellingField, string> = {
  NAME: 'The name as the texts write it.',
  SHORT_NAME: 'The short name (广州 for 广州市).',
  ALIAS: 'Another spelling the texts use for the same thing.',
  NAME_EN: 'The English name.',
  PINYIN: 'The pinyin of a Chinese name, without tones ("nan sha qu").',
  PINYIN_INITIALS: 'The initials of the pinyin ("nsq").',
};
export type SearchField = SpellingField;

const SearchFieldEnum = Object.fromEntries(Object.keys(SEARCH_FIELDS).map((k) => [k, k])) as { [K in SearchField]: K };
registerEnumType(SearchFieldEnum, {
  name: 'SearchField',
  description: 'Which spelling of an entity a search matched.',
  valuesConfig: Object.fromEntries(Object.entries(SEARCH_FIELDS).map(([k, description]) => [k, { description }])),
});

/**
 * A key-only reference to each entity type of the graph (the manifest's ENTITY_TYPES): the owning
 * subgraphs answer every other field through the gateway. This subgraph imports none of them. Each
 * is a Node whose `globalId` this subgraph answers (see node.ts).
 */
const NODE_STUBS = Object.fromEntries(
  ENTITY_TYPES.map(({ type, owner, about }) => [type, nodeStub(type, `${about} (owned by the ${owner} subgraph).`)]),
) as Record<EntityTypeName, ReturnType<typeof nodeStub>>;
export const REFS = Object.fromEntries(Object.entries(NODE_STUBS).map(([type, { stub }]) => [type, stub])) as Record<
  EntityTypeName,
  ReturnType<typeof nodeStub>['stub']
>;
/** The types a global id may name (node.ts), and the resolvers of their `globalId`. */
export const NODE_TYPES: string[] = Object.keys(NODE_STUBS);
export const GLOBAL_ID_RESOLVERS = Object.values(NODE_STUBS).map(({ resolver }) => resolver);

export type SearchKind = SearchedTypeName;
/** Order of kinds when scores tie: places and authorities before the things inside them. */
export const KIND_ORDER: SearchKind[] = [
  'Region',
  'Organization',
  'Facility',
  'Designation',
  'Person',
  'Indicator',
  'Plan',
  'Project',
  'Meeting',
];

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'What a search hit points at; follow it with an inline fragment (`... on Facility { name }`).',
  types: () => SEARCHED_TYPES.map((type) => REFS[type]),
  resolveType: (value) => (value as unknown as { __typename: SearchKind }).__typename,
});

@ObjectType({ description: 'One search hit: the entity, the spelling that matched and how well.' })
export class SearchHit {
  @Field(() => SearchResult, { description: 'The entity found.' })
  node!: { __typename: SearchKind; id: string };

  @Field(() => Float, {
    description:
      'Relevance from 0 to 1: an exact match of a name scores highest, then a prefix, then a substring, then a spelling that has every word of the text but apart; a shorter spelling beats a longer one.',
  })
  score!: number;

  @Field(() => SearchFieldEnum, { description: 'Which spelling matched.' })
  matchedField!: SearchField;

  @Field({ description: 'The spelling that matched, as stored (Chinese, English or spaced pinyin).' })
  matchedText!: string;
}
