import { byIdLoader, byParentLoader, regionScopedLoader, type BaseContext, type ConnectionShape, type ScopedKey } from '@hsg/common';
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
  return {
    ...base,
    facilityById: byIdLoader(dataSource, Facility),
    designationById: byIdLoader(dataSource, Designation),
    projectById: byIdLoader(dataSource, Project),
    campusesOf: byParentLoader(dataSource, Facility, 'parentId'),
    designationsOf: byParentLoader(dataSource, Designation, 'hostId'),
    projectsOf: byParentLoader(dataSource, Project, 'facilityId'),
    regionFacilities: regionScopedLoader(
      (regionIds, filter) => facilityQuery(base, filter, regionIds).getMany(),
      (f) => f.regionId,
      base.regions.contains.bind(base.regions),
    ),
    regionProjects: regionScopedLoader(
      (regionIds, filter) => projectQuery(base, filter, regionIds).getMany(),
      (p) => p.regionId,
      base.regions.contains.bind(base.regions),
    ),
  };
}
