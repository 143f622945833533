import { Attr, Cited, Family, slug, text } from '@hsg/framework';
import { Directive, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { z } from 'zod';

@Entity('person')
@Family({ family: 'people', person: true })
@ObjectType({ description: 'A person the sources name: an official, a speaker, a byline.' })
@Directive('@key(fields: "id")')
export class Person extends Cited {
  @Attr(slug, { primary: true, description: 'Stable slug (pinyin of the name).' })
  id!: string;

  @Attr(text, { name: 'NAME', description: 'Name as written (刘利群).' })
  name!: string;

  /** Pinyin of the name, surname first-character reading, for `filter.search` (derived; not part of the API). */
  @Attr(z.string(), { derived: true, graphql: false, default: '' })
  pinyin!: string;

  @Attr(z.enum(['MALE', 'FEMALE']).nullish(), { graphql: () => String, description: 'MALE or FEMALE where a source says; null otherwise.' })
  gender!: string | null;
}
