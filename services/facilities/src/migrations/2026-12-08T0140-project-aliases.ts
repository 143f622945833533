import { gramIndex, sqlMigration, trigramIndex } from '@hsg/framework';

/**
 * 2026-12-08: `Project.aliases`, the other names the sources give a build-out (南沙国家健康旅游示范基地
 * for the base the plan also calls 南沙新区国家健康医疗旅游示范基地), so `search` and `filter.search`
 * find them; '[]' for the rows before. The column is added in place, not by rebuilding the table
 * (which would drop the search indexes' triggers), and the project's trigram and gram indexes are
 * built again over the names and the aliases.
 */
const COLUMNS = ['name', 'aliases', 'planSection'];
const trigram = trigramIndex('project', COLUMNS);
const gram = gramIndex('project', COLUMNS);

export const ProjectAliases = sqlMigration('ProjectAliases1796694000000', {
  sqlite: [`ALTER TABLE "project" ADD COLUMN "aliases" text NOT NULL DEFAULT ('[]')`, ...trigram.sqlite, ...gram.sqlite],
  postgres: [`ALTER TABLE "project" ADD "aliases" text COLLATE "C" NOT NULL DEFAULT '[]'`, ...trigram.postgres, ...gram.postgres],
});
