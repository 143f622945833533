import { createUnionType, Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { nodeStub } from './node';

export const SEARCH_FIELDS = {
  NAME: 'The name as the texts write it.',
  SHORT_NAME: 'The short name (广州 for 广州市).',
  ALIAS: 'Another spelling the texts use for the same thing.',
  NAME_EN: 'The English name.',
  PINYIN: 'The pinyin of a Chinese name, without tones ("nan sha qu").',
  PINYIN_INITIALS: 'The initials of the pinyin ("nsq").',
} as const;
export type SearchField = keyof typeof SEARCH_FIELDS;

const SearchFieldEnum = Object.fromEntries(Object.keys(SEARCH_FIELDS).map((k) => [k, k])) as { [K in SearchField]: K };
registerEnumType(SearchFieldEnum, {
  name: 'SearchField',
  description: 'Which spelling of an entity a search matched.',
  valuesConfig: Object.fromEntries(Object.entries(SEARCH_FIELDS).map(([k, description]) => [k, { description }])),
});

/** The types a global id may name (node.ts), and the resolvers of their `globalId`. */
export const NODE_TYPES: string[] = [];
export const GLOBAL_ID_RESOLVERS: Function[] = [];

/** A key-only reference that is also a Node: this subgraph answers its `globalId` (see node.ts). */
function referenceStub(typeName: string, description: string) {
  const { stub, resolver } = nodeStub(typeName, description);
  NODE_TYPES.push(typeName);
  GLOBAL_ID_RESOLVERS.push(resolver);
  return stub;
}

// Key-only references: the owning subgraphs answer every other field through the gateway.
export const RegionRef = referenceStub('Region', 'An administrative division or named area (owned by the regions subgraph).');
export const FacilityRef = referenceStub(
  'Facility',
  'A hospital, campus, CDC, laboratory or other facility (owned by the facilities subgraph).',
);
export const ProjectRef = referenceStub('Project', 'A named build-out (owned by the facilities subgraph).');
export const IndicatorRef = referenceStub('Indicator', 'A health indicator (owned by the indicators subgraph).');
export const OrganizationRef = referenceStub('Organization', 'A health authority or other organization (owned by the officials subgraph).');
export const PersonRef = referenceStub('Person', 'A named official (owned by the officials subgraph).');

export const DesignationRef = referenceStub('Designation', 'A national or provincial title (owned by the facilities subgraph).');
export const ObservationRef = referenceStub('Observation', 'One value of an indicator (owned by the indicators subgraph).');
export const PlanRef = referenceStub('Plan', 'A plan or action programme (owned by the indicators subgraph).');
export const TargetRef = referenceStub('Target', "A plan's goal (owned by the indicators subgraph).");
export const PostRef = referenceStub('Post', 'A person seen holding titles (owned by the officials subgraph).');
export const MeetingRef = referenceStub('Meeting', 'A meeting the sources report (owned by the officials subgraph).');

const REFS = {
  Region: RegionRef,
  Facility: FacilityRef,
  Project: ProjectRef,
  Indicator: IndicatorRef,
  Organization: OrganizationRef,
  Person: PersonRef,
  Designation: DesignationRef,
  Meeting: MeetingRef,
  Plan: PlanRef,
};
export type SearchKind = keyof typeof REFS;
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
  types: () => Object.values(REFS),
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
