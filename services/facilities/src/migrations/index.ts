// Written by `npm run migration`: this subgraph's migrations, oldest first.
import { Initial } from './2026-12-01T0000-initial';
import { ByteOrderText } from './2026-12-01T0001-byte-order-text';
import { SourceIdsAndSections } from './2026-12-01T2258-source-ids-and-sections';
import { ProgrammesAndLinks } from './2026-12-02T0207-programmes-and-links';
import { ListSearchTrigramIndex } from './2026-12-02T0210-list-search-trigram-index';
import { ListSearchGramIndex } from './2026-12-02T0310-list-search-gram-index';
import { RegionScopeIndexes } from './2026-12-02T0330-region-scope-indexes';
import { RegionScopeCounts } from './2026-12-02T2150-region-scope-counts';
import { SourceFacts } from './2026-12-07T2047-source-facts';
import { ProjectAliases } from './2026-12-08T0140-project-aliases';

export const migrations = [
  Initial,
  ByteOrderText,
  SourceIdsAndSections,
  ProgrammesAndLinks,
  ListSearchTrigramIndex,
  ListSearchGramIndex,
  RegionScopeIndexes,
  RegionScopeCounts,
  SourceFacts,
  ProjectAliases,
];
