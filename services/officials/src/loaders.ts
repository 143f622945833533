import { byIdLoader, byParentLoader, pagedListLoader, type BaseContext, type ConnectionShape, type ScopedKey } from '@hsg/framework';
import DataLoader from 'dataloader';
import { Brackets, type DataSource } from 'typeorm';
import { officialsQuery, organizationQuery, type OfficialsFilter, type OrganizationFilter } from './filters';
import { Meeting, type Appearance } from './meeting';
import { Organization } from './organization';
import { Person } from './person';
import { Post } from './post';
import { seenAt } from './post.resolver';

export interface OfficialsContext extends BaseContext {
  organizationById: DataLoader<string, Organization | null>;
  personById: DataLoader<string, Person | null>;
  postById: DataLoader<string, Post | null>;
  meetingById: DataLoader<string, Meeting | null>;
  postsOfOrganization: DataLoader<string, Post[]>;
  postPageOfOrganization: DataLoader<ScopedKey<null>, ConnectionShape<Post>, string>;
  postsOfPerson: DataLoader<string, Post[]>;
  appearancesOf: DataLoader<string, Appearance[]>;
  regionOrganizations: DataLoader<ScopedKey<OrganizationFilter>, ConnectionShape<Organization>, string>;
  regionOfficials: DataLoader<ScopedKey<OfficialsFilter>, ConnectionShape<Post>, string>;
}

/**
 * Each person's appearances, by meeting date: one statement per batch, matching `"personId":"<id>"`
 * inside the meetings' JSON column (ids are slugs, so no LIKE wildcard can occur in them).
 */
function appearancesLoader(dataSource: DataSource): DataLoader<string, Appearance[]> {
  return new DataLoader<string, Appearance[]>(
    async (personIds) => {
      const meetings = await dataSource
        .getRepository(Meeting)
        .createQueryBuilder('m')
        .where(
          new Brackets((or) =>
            personIds.forEach((id, i) =>
              or.orWhere(`m.appearances LIKE :a${i}`, { [`a${i}`]: `%${JSON.stringify({ personId: id }).slice(1, -1)}%` }),
            ),
          ),
        )
        .orderBy('m.date', 'ASC')
        .addOrderBy('m.id', 'ASC')
        .getMany();
      return personIds.map((id) =>
        meetings.flatMap((meeting) => meeting.appearances.filter((a) => a.personId === id).map((a) => ({ ...a, meeting }))),
      );
    },
    // Keeps one statement's bound parameters well under SQLite's limit.
    { maxBatchSize: 500 },
  );
}

/** Fresh loaders for every request. */
export function createContext(base: BaseContext): OfficialsContext {
  const { dataSource } = base;
  const organizationById = byIdLoader(dataSource, Organization);
  const postById = byIdLoader(dataSource, Post);
  return {
    ...base,
    organizationById,
    personById: byIdLoader(dataSource, Person),
    postById,
    meetingById: byIdLoader(dataSource, Meeting),
    // Every post of an organization, for its head (an organization has a handful); pages of them for Organization.posts.
    postsOfOrganization: byParentLoader(dataSource, Post, 'organizationId', 'asOf'),
    postPageOfOrganization: pagedListLoader({
      typeName: 'Post',
      dataSource,
      query: (organizationId) =>
        dataSource
          .getRepository(Post)
          .createQueryBuilder('p')
          .where('p.organizationId = :organizationId', { organizationId })
          .orderBy('p.asOf', 'ASC')
          .addOrderBy('p.id', 'ASC'),
      byId: postById,
    }),
    postsOfPerson: byParentLoader(dataSource, Post, 'personId', 'asOf'),
    appearancesOf: appearancesLoader(dataSource),
    regionOrganizations: pagedListLoader({
      typeName: 'Organization',
      dataSource,
      query: (regionId, filter) => organizationQuery(base, filter, [regionId]),
      byId: organizationById,
    }),
    regionOfficials: pagedListLoader({
      typeName: 'Post',
      dataSource,
      query: (regionId, filter) => officialsQuery(base, filter!, [regionId]),
      byId: postById,
      // A post answers the date asked: flagged when its sighting is stale for it.
      answer: (p, filter) => seenAt(p, filter?.asOf),
    }),
  };
}
