import 'reflect-metadata';
import { type SubgraphDefinition } from '@hsg/framework';
import { Indicator } from './indicator';
import { refreshJudgements } from './judgements';
import { rememberDataDate } from './data-date';
import { createContext, type IndicatorsContext } from './loaders';
import { Observation } from './observation';
import { Plan } from './plan';
import { buildIndicatorsSchema } from './schema';
import { Target } from './target';
import { migrations } from './migrations';

export const subgraph: SubgraphDefinition<IndicatorsContext> = {
  name: 'indicators',
  entities: [Indicator, Observation, Plan, Target],
  migrations,
  buildSchema: buildIndicatorsSchema,
  createContext,
  // Every start: the seeds may have changed a target, a figure or an indicator's direction, or
  // added a source (the latest date the data covers, which attainment is judged as of).
  prepare: async (dataSource) => {
    await refreshJudgements(dataSource.manager, { all: true });
    await rememberDataDate(dataSource);
  },
};

/** Its entities, for the packages that read their declarations (the search index, the seed checks). */
export { Indicator, Observation, Plan, Target };
