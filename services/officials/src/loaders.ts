import { byIdLoader, byParentLoader, regionScopedLoader, type BaseContext, type ConnectionShape, type ScopedKey } from '@hsg/common';
import DataLoader from 'dataloader';
import { Brackets, type DataSource } from 'typeorm';
import { officialsQuery, organizationQuery, type OfficialsFilter, type OrganizationFilter } from './filters';
import { Meeting, type Appearance } from './meeting';
import { Organization } from './organization';
import { Person } from './person';
import { Post } from './post';
import { currentAt } from './post.resolver';

export interface OfficialsContext extends BaseContext {
  organizationById: DataLoader<string, Organization | null>;
  personById: DataLoader<string, Person | null>;
  postById: DataLoader<string, Post | null>;
  meetingById: DataLoader<string, Meeting | null>;
  postsOfOrganization: DataLoader<string, Post[]>;
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
  return {
    ...base,
    organizationById: byIdLoader(dataSource, Organization),
    personById: byIdLoader(dataSource, Person),
    postById: byIdLoader(dataSource, Post),
    meetingById: byIdLoader(dataSource, Meeting),
    postsOfOrganization: byParentLoader(dataSource, Post, 'organizationId', 'asOf'),
    postsOfPerson: byParentLoader(dataSource, Post, 'personId', 'asOf'),
    appearancesOf: appearancesLoader(dataSource),
    regionOrganizations: regionScopedLoader(
      (regionIds, filter) => organizationQuery(base, filter, regionIds).getMany(),
      (o) => o.regionId,
      base.regions.contains.bind(base.regions),
    ),
    regionOfficials: regionScopedLoader(
      async (regionIds, filter) => {
        const posts = await officialsQuery(base, filter!, regionIds).getMany();
        return filter!.asOf == null ? posts : currentAt(posts, filter!.asOf);
      },
      (p) => p.joinedOrganization?.regionId ?? null,
      base.regions.contains.bind(base.regions),
    ),
  };
}
