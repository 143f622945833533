import { byIdLoader, byParentLoader, pagedListLoader, type BaseContext, type ConnectionShape, type ScopedKey } from '@hsg/common';
import type DataLoader from 'dataloader';
import { Designation } from './designation';
import { Facility } from './facility';
import { facilityQuery, projectQuery, type FacilityFilter, type ProjectFilter } from './filters';
import { Project } from './project';

export interface FacilitiesContext extends BaseContext {
  facilityById: DataLoader<string, Facility | null>;
  designationById: DataLoader<string, Designation | null>;
  projectById: DataLoader<string, Project | null>;
  campusesOf: DataLoader<string, Facility[]>;
  designationsOf: DataLoader<string, Designation[]>;
  projectsOf: DataLoader<string, Project[]>;
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
