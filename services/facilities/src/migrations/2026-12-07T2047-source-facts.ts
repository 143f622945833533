// The shared `source_document` table's change, written once in the framework (see SourceFacts).
export { SourceFacts } from '@hsg/framework';
