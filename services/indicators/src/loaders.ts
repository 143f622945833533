import { baseContext, byIdLoader, byParentLoader, type BaseContext } from '@hsg/common';
import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { Indicator } from './indicator';
import { Observation } from './observation';
import { Plan } from './plan';
import { Target } from './target';

export interface IndicatorsContext extends BaseContext {
  dataSource: DataSource;
  indicatorById: DataLoader<string, Indicator | null>;
  observationById: DataLoader<string, Observation | null>;
  planById: DataLoader<string, Plan | null>;
  targetById: DataLoader<string, Target | null>;
  observationsOfIndicator: DataLoader<string, Observation[]>;
  observationsOfRegion: DataLoader<string, Observation[]>;
  targetsOfIndicator: DataLoader<string, Target[]>;
  targetsOfPlan: DataLoader<string, Target[]>;
  targetsOfRegion: DataLoader<string, Target[]>;
  plansOfRegion: DataLoader<string, Plan[]>;
  /** The observation a target is judged by: same indicator, same region, period = the target year. */
  observationForTarget: DataLoader<Target, Observation | null, string>;
}

const targetKey = (t: Pick<Target, 'indicatorId' | 'regionId' | 'year'>) => `${t.indicatorId}|${t.regionId ?? ''}|${t.year}`;

export function createContext(dataSource: DataSource): IndicatorsContext {
  return {
    ...baseContext(dataSource),
    dataSource,
    indicatorById: byIdLoader(dataSource, Indicator),
    observationById: byIdLoader(dataSource, Observation),
    planById: byIdLoader(dataSource, Plan),
    targetById: byIdLoader(dataSource, Target),
    observationsOfIndicator: byParentLoader(dataSource, Observation, 'indicatorId', 'period'),
    observationsOfRegion: byParentLoader(dataSource, Observation, 'regionId', 'period'),
    targetsOfIndicator: byParentLoader(dataSource, Target, 'indicatorId'),
    targetsOfPlan: byParentLoader(dataSource, Target, 'planId'),
    targetsOfRegion: byParentLoader(dataSource, Target, 'regionId'),
    plansOfRegion: byParentLoader(dataSource, Plan, 'regionId'),
    observationForTarget: new DataLoader<Target, Observation | null, string>(
      async (targets) => {
        const rows = await dataSource.getRepository(Observation).findBy({
          indicatorId: In([...new Set(targets.map((t) => t.indicatorId))]),
          period: In([...new Set(targets.map((t) => String(t.year)))]),
        });
        const byKey = new Map<string, Observation>();
        for (const o of rows.sort((a, b) => a.id.localeCompare(b.id))) {
          const key = `${o.indicatorId}|${o.regionId ?? ''}|${o.period}`;
          if (!byKey.has(key)) byKey.set(key, o);
        }
        return targets.map((t) => byKey.get(targetKey(t)) ?? null);
      },
      { cacheKeyFn: targetKey },
    ),
  };
}
