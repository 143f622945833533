import {
  byIdLoader,
  byParentLoader,
  loadPresent,
  pagedListLoader,
  type BaseContext,
  type ConnectionShape,
  type ScopedKey,
} from '@hsg/framework';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Designation } from './designation';
import { Facility } from './facility';
import { facilityQuery, projectQuery, type FacilityFilter, type ProjectFilter } from './filters';
import { Programme } from './programme';
import { Project } from './project';

export interface FacilitiesContext extends BaseContext {
  facilityById: DataLoader<string, Facility | null>;
  designationById: DataLoader<string, Designation | null>;
  projectById: DataLoader<string, Project | null>;
  campusesOf: DataLoader<string, Facility[]>;
  designationsOf: DataLoader<string, Designation[]>;
  projectsOf: DataLoader<string, Project[]>;
  programmeById: DataLoader<string, Programme | null>;
  /** The projects building each designation (their `designationId`). */
  projectsBuilding: DataLoader<string, Project[]>;
  /** The projects that built each campus or site (their `campusId`). */
  projectsBuilt: DataLoader<string, Project[]>;
  /** The ids of the programmes listing each project or designation, by member key (`project:<id>`, `designation:<id>`). */
  programmesOf: DataLoader<string, string[]>;
  regionFacilities: DataLoader<ScopedKey<FacilityFilter>, ConnectionShape<Facility>, string>;
  regionProjects: DataLoader<ScopedKey<ProjectFilter>, ConnectionShape<Project>, string>;
}

/** Fresh loaders for every request. */
export function createContext(base: BaseContext): FacilitiesContext {
  const { dataSource } = base;
  const facilityById = byIdLoader(dataSource, Facility);
  const projectById = byIdLoader(dataSource, Project);
  return {
    ...base,
    facilityById,
    designationById: byIdLoader(dataSource, Designation),
    projectById,
    campusesOf: byParentLoader(dataSource, Facility, 'parentId'),
    designationsOf: byParentLoader(dataSource, Designation, 'hostId'),
    projectsOf: byParentLoader(dataSource, Project, 'facilityId'),
    programmeById: byIdLoader(dataSource, Programme),
    projectsBuilding: byParentLoader(dataSource, Project, 'designationId'),
    projectsBuilt: byParentLoader(dataSource, Project, 'campusId'),
    programmesOf: membersLoader(dataSource),
    // Each region's subtree (RegionScope): a page and a count per region, for all regions in one statement.
    regionFacilities: pagedListLoader({
      typeName: 'Facility',
      dataSource,
      query: (regionId, filter) => facilityQuery(base, filter, [regionId]),
      byId: facilityById,
    }),
    regionProjects: pagedListLoader({
      typeName: 'Project',
      dataSource,
      query: (regionId, filter) => projectQuery(base, filter, [regionId]),
      byId: projectById,
    }),
  };
}

/**
 * Programmes by member key (`project:<id>`, `designation:<id>`). Members are lists on the programme
 * (one declaration of the grouping), so the way back reads the programmes, a handful of rows, once per
 * batch and looks the ids up there, each in its own list: a project and a designation may share an id
 * (the "1+1+6" centres) while a programme lists only one of them (a 专栏 heading lists the project).
 */
function membersLoader(dataSource: DataSource): DataLoader<string, string[]> {
  return new DataLoader<string, string[]>(async (memberKeys) => {
    const programmes = await dataSource
      .getRepository(Programme)
      .createQueryBuilder('g')
      .select(['g.id', 'g.projectIds', 'g.designationIds'])
      .orderBy('g.id', 'ASC')
      .getMany();
    return memberKeys.map((key) => {
      const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      return programmes.filter((g) => (kind === 'project' ? g.projectIds : g.designationIds).includes(id)).map((g) => g.id);
    });
  });
}

/** A member's programmes (a project's or a designation's), in id order. */
export async function programmesOf(kind: 'project' | 'designation', id: string, ctx: FacilitiesContext): Promise<Programme[]> {
  return loadPresent(ctx.programmeById, await ctx.programmesOf.load(`${kind}:${id}`));
}
