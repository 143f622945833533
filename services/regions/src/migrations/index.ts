// Written by `npm run migration`: this subgraph's migrations, oldest first.
import { Initial } from './2026-12-01T0000-initial';
import { ByteOrderText } from './2026-12-01T0001-byte-order-text';
import { SourceIdsAndSections } from './2026-12-01T2258-source-ids-and-sections';
import { RegionRegistry } from './2026-12-01T2327-region-registry';
import { ListSearchTrigramIndex } from './2026-12-02T0210-list-search-trigram-index';
import { ListSearchGramIndex } from './2026-12-02T0313-list-search-gram-index';
import { RegionScopeIndexes } from './2026-12-02T0330-region-scope-indexes';
import { SourceFacts } from './2026-12-07T2047-source-facts';

export const migrations = [
  Initial,
  ByteOrderText,
  SourceIdsAndSections,
  RegionRegistry,
  ListSearchTrigramIndex,
  ListSearchGramIndex,
  RegionScopeIndexes,
  SourceFacts,
];
