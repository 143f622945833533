import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Citation, SourceDocument, sourceIdOf, type CitationRecord } from './citation';
import type { BaseContext } from '../persistence/loaders';

@Resolver(() => Citation)
export class CitationResolver {
  @FieldResolver(() => SourceDocument)
  async source(@Root() citation: CitationRecord, @Ctx() ctx: BaseContext): Promise<SourceDocument> {
    const id = sourceIdOf(citation.lines);
    const source = await ctx.sources.load(id);
    // The seed validator guarantees every citation names a known source.
    if (!source) throw new Error(`citation ${citation.lines} names unknown source ${id}`);
    return source;
  }
}
