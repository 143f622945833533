import { registerEnumType } from 'type-graphql';
import * as v from './vocabulary';

/** Turns a vocabulary into a GraphQL enum (values = keys, descriptions = the vocabulary's text; deprecated terms shown so). */
function graphqlEnum<V extends v.Vocabulary>(name: string, vocabulary: V, description: string): { [K in keyof V]: K } {
  const values = Object.fromEntries(Object.keys(vocabulary).map((k) => [k, k])) as { [K in keyof V]: K };
  registerEnumType(values, {
    name,
    description,
    valuesConfig: Object.fromEntries(
      Object.entries(vocabulary).map(([k, d]) => [k, typeof d === 'string' ? { description: d } : { ...d }]),
    ) as never,
  });
  return values;
}

export const RegionLevel = graphqlEnum('RegionLevel', v.REGION_LEVELS, 'Tier of a region in the administrative hierarchy.');
export const RegionKind = graphqlEnum('RegionKind', v.REGION_KINDS, 'Kind of administrative division or named area.');
export const RegionSource = graphqlEnum(
  'RegionSource',
  v.REGION_SOURCES,
  'Where a region comes from: the statistics code list, a cited text, or both.',
);
export const FacilityType = graphqlEnum('FacilityType', v.FACILITY_TYPES, 'What kind of institution a facility is.');
export const Ownership = graphqlEnum('Ownership', v.OWNERSHIPS, 'Who owns a facility.');
export const DesignationKind = graphqlEnum('DesignationKind', v.DESIGNATION_KINDS, 'A national or provincial title a facility can host.');
export const DesignationStatus = graphqlEnum('DesignationStatus', v.DESIGNATION_STATUSES, 'Where a designation stands.');
export const ProjectType = graphqlEnum('ProjectType', v.PROJECT_TYPES, 'What kind of build-out a project is.');
export const ProjectStatus = graphqlEnum('ProjectStatus', v.PROJECT_STATUSES, 'Where a project stands as of a dated report.');
export const Direction = graphqlEnum('Direction', v.DIRECTIONS, 'Which way an indicator improves.');
export const Qualifier = graphqlEnum('Qualifier', v.QUALIFIERS, 'The qualifier written with a value.');
export const Comparator = graphqlEnum('Comparator', v.COMPARATORS, 'How a target compares the actual value with its value.');
export const TargetNature = graphqlEnum(
  'TargetNature',
  v.TARGET_NATURES,
  'Whether a plan target is expected (预期性) or binding (约束性).',
);
export const TargetScope = graphqlEnum(
  'TargetScope',
  v.TARGET_SCOPES,
  'Whose target it is within its region: the region as a whole, or each city or county in it on its own.',
);
export const OrganizationType = graphqlEnum('OrganizationType', v.ORGANIZATION_TYPES, 'What kind of body an organization is.');
