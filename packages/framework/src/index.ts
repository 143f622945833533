import 'reflect-metadata';

// What every subgraph shares, by idea. Only what the subgraphs, the schema package and the tests
// use is exported; everything else stays inside its folder. Core (environment, HTTP, auth,
// limits, logging) is its own package, @hsg/core, imported from there.

// Declarations: one @Attr per field makes its column, its GraphQL field and its input rule; the rules, bounds and vocabularies they use.
export { bounded, defaultBoundsOf, textProblem } from './declarations/bounds';
export { Citation, SourceDocument, sourceIdOf, type CitationRecord } from './declarations/citation';
export { Cited, whereCites } from './declarations/cited';
export { DATE_RULE, dayBounds, firstDay, firstDaySql, nextPeriodStart, periodStart } from './declarations/dates';
export {
  Attr,
  Family,
  attrsOf,
  familyOf,
  inputSchemaOf,
  namesOf,
  oneOf,
  rowOf,
  searchColumnsOf,
  type EntityClass,
} from './declarations/declaration';
export {
  Comparator,
  DesignationKind,
  DesignationStatus,
  Direction,
  FacilityType,
  OrganizationType,
  Ownership,
  ProjectStatus,
  ProjectType,
  Qualifier,
  RegionKind,
  RegionLevel,
  RegionSource,
  TargetNature,
  TargetScope,
} from './declarations/enums';
export { DIVISION_CODE, citationSchema, date, figureAgrees, period, regionId, slug, text, valueAgreesWithText } from './declarations/rules';

// Persistence: the database, its migrations and deadlines, per-request loaders, and lists paged by keyset in SQL.
export { openDatabase } from './persistence/db';
export { isStoppedStatement, watchOf } from './persistence/deadlines';
export { baseContext, byIdLoader, byParentLoader, lazyColumn, loadPresent, type BaseContext } from './persistence/loaders';
export { MIGRATIONS_TABLE, pendingSchemaChanges, sqlMigration } from './persistence/migrations';
export {
  Connection,
  PageArgs,
  connectionFromPage,
  edgeTypeOf,
  encodeCursor,
  orderById,
  pageRequest,
  type ConnectionShape,
  type ListOrder,
} from './persistence/pagination';
export { pagedListLoader, type ScopedKey } from './persistence/scoped-loader';
export { scratchDatabase, startSeededSubgraph, type ScratchDatabase } from './persistence/scratch-database';
export { pageBatch } from './persistence/sql-page';

// "Within region X" without asking the regions subgraph: the code-prefix rule, its SQL, the triggers that count, the curated areas.
export { hasSubtree, regionPrefix } from './region-scope/codes';
export { areaMembersPlan } from './region-scope/curated';
export {
  DIVISION_LIST_PACKAGE,
  DIVISION_LIST_VERSION,
  divisionList,
  regionNames,
  type DivisionLevel,
  type ListedDivision,
} from './region-scope/division-list';
export { LEVEL_WEIGHT } from './region-scope/levels';
export { placeOf, type RecordPlace } from './region-scope/place';
export { RegionScope } from './region-scope/scope';
export { scopeCountOf, scopeExpression, withinDivisionSql } from './region-scope/sql';
export { regionScopeCounts, regionScopeIndexes } from './region-scope/triggers';

// Agency writes: scopes and jurisdiction, one transaction with its audit record, the mutations declared from the entity, the change feed.
export { AuditRecord, SourceInput, SubmittedSource, sourceInputSchema, type SourceRecord } from './writes/audit';
export { requireAgency, requireRegion, requireScope, type AuthorizationContext } from './writes/authorization';
export { CHANGE_FEED_PATH, type FeedChange } from './writes/change-feed';
export { NATIONWIDE, applyWrite } from './writes/write';

// Seeding: the seed files validated against the declarations and loaded in one transaction.
export { SeedError, readSeeds, seedPlanOf, writeSeeds, type SeedData } from './seeding/seeds';

// Sources: the five source texts as a list of their own (`sources`, `source(id:)`) and the migration of their shared table.
export { SourceFacts } from './sources/migration';
export { SourceFilter } from './sources/filter';
export { SourceConnection, SourceResolver } from './sources/resolver';

// Search terms: the normal form, pinyin spellings and the indexes behind list filters' `search`.
export { normalize } from './search-terms/normalize';
export { hasHan, pinyinOf, romanise } from './search-terms/pinyin';
export { QUALITY, type MatchClass } from './search-terms/quality';
export { BEST_MATCH_FIRST } from './search-terms/relevance';
export { anyColumnLike, gramIndex, likePattern, searchCondition, trigramIndex, whereSearch } from './search-terms/search';
export { SEARCH_TERMS_PATH, type PublishedTerm, type SpellingField } from './search-terms/terms';

// Federation glue: the subgraph schema, entity references, the Region stub, cost directives, partial results.
export { ListedEntityResolver } from './federation/entity-resolver';
export { buildFederatedSchema } from './federation/federation';
export { MEASURED_LIST_SIZES } from './federation/list-sizes';
export {
  PROVIDES_REGION_NAME,
  REGION_NAME_DESCRIPTION,
  providedRegion,
  referenceStub,
  regionRef,
  regionStub,
  scopedToRegion,
  type RegionKey,
} from './federation/region-stub';

// A subgraph process: start one from its definition, or run it as a program.
export { runSubgraph } from './subgraph/main';
export {
  openSubgraphDatabase,
  startSubgraph,
  type RunningSubgraph,
  type SubgraphDefinition,
  type SubgraphOptions,
} from './subgraph/subgraph';

// List filters beyond one condition per field: and/or/not over any filter, text, list and year predicates.
export { MAX_FILTER_CONDITIONS, MAX_FILTER_DEPTH, composable, whereComposed, type Composable } from './filters/boolean';
export {
  ListPredicate,
  MAX_PREDICATE_TEXT,
  MAX_PREDICATE_VALUES,
  TextPredicate,
  YearRange,
  whereListHas,
  whereText,
  whereYears,
} from './filters/predicates';

// Aggregates beside every root list (`<many>Aggregate`), generated from the declarations.
export { DEFAULT_GROUPS, MAX_GROUP_BY, MAX_GROUPS } from './aggregates/aggregate-field';
