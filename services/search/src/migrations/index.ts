// Written by `npm run migration`: this subgraph's migrations, oldest first.
import { Initial } from './2026-12-01T0000-initial';
import { ByteOrderText } from './2026-12-01T0001-byte-order-text';
import { SearchTrigramIndex } from './2026-12-01T0002-search-trigram-index';
import { SearchTermPlace } from './2026-12-07T2030-search-term-place';
import { SourceFacts } from './2026-12-07T2047-source-facts';

export const migrations = [Initial, ByteOrderText, SearchTrigramIndex, SearchTermPlace, SourceFacts];
