// Written by `npm run migration`: this subgraph's migrations, oldest first.
import { Initial } from './2026-12-01T0000-initial';
import { ByteOrderText } from './2026-12-01T0001-byte-order-text';
import { SourceIdsAndSections } from './2026-12-01T2258-source-ids-and-sections';
import { ObservationYears } from './2026-12-01T2322-observation-years';
import { IndicatorAliases } from './2026-12-02T0205-indicator-aliases';
import { TargetScopeColumn } from './2026-12-02T0206-target-scope';
import { ProgrammesAndLinks } from './2026-12-02T0207-programmes-and-links';
import { ListSearchTrigramIndex } from './2026-12-02T0210-list-search-trigram-index';
import { ListSearchGramIndex } from './2026-12-02T0311-list-search-gram-index';
import { TargetJudgement } from './2026-12-02T0606-target-judgement';
import { SourceFacts } from './2026-12-07T2047-source-facts';
import { PlanSearch } from './2026-12-07T2048-plan-search';

export const migrations = [
  Initial,
  ByteOrderText,
  SourceIdsAndSections,
  ObservationYears,
  IndicatorAliases,
  TargetScopeColumn,
  ProgrammesAndLinks,
  ListSearchTrigramIndex,
  ListSearchGramIndex,
  TargetJudgement,
  SourceFacts,
  PlanSearch,
];
