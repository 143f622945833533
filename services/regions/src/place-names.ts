import { romanise } from '@hsg/framework';

/**
 * Short and English names for the divisions no seed curates. The code list gives only the full
 * Chinese name (恩施土家族苗族自治州); the short name drops the generic suffix and the peoples of an
 * autonomous name (恩施), and the English name romanises the short name in Hanyu Pinyin, as the
 * place-name rules do, with the kind's English word (芙蓉区 → Furong District; 长沙市 → Changsha).
 */

/** The 55 minority peoples, as autonomous names write them (longest first, so 土家 is tried before 土). */
const PEOPLES = (
  '维吾尔 柯尔克孜 乌孜别克 哈萨克 鄂温克 鄂伦春 达斡尔 塔吉克 俄罗斯 塔塔尔 土家 哈尼 傈僳 拉祜 东乡 纳西 景颇 布依 ' +
  '朝鲜 蒙古 仫佬 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 德昂 保安 裕固 独龙 赫哲 门巴 珞巴 基诺 高山 回 藏 苗 彝 壮 满 侗 瑶 白 傣 黎 佤 畲 水 土 羌 怒 京'
)
  .split(' ')
  .sort((a, b) => b.length - a.length);

const PEOPLE_SUFFIX = new RegExp(`(?:${PEOPLES.join('|')})族$`);

/** The generic suffixes each tier's names end in, longest first. */
const SUFFIXES: Record<'PROVINCE' | 'PREFECTURE' | 'COUNTY' | 'TOWNSHIP', string[]> = {
  PROVINCE: ['自治区', '省', '市'],
  PREFECTURE: ['自治州', '地区', '盟', '市'],
  COUNTY: ['自治县', '自治旗', '林区', '特区', '区', '县', '市', '旗'],
  TOWNSHIP: ['街道办事处', '地区办事处', '街道', '办事处', '民族乡', '民族苏木', '苏木', '镇', '乡'],
};

/**
 * The name without its generic suffix and, for an autonomous division, its peoples — kept whole
 * where that would leave fewer than two characters (城区 stays 城区).
 */
export function shortNameOf(name: string, level: keyof typeof SUFFIXES): string {
  const suffix = SUFFIXES[level].find((s) => name.endsWith(s));
  if (!suffix) return name;
  let short = name.slice(0, -suffix.length);
  if (suffix.startsWith('自治') || suffix.startsWith('民族')) {
    for (let peeled = short.replace(PEOPLE_SUFFIX, ''); peeled !== short && peeled.length >= 2; peeled = short.replace(PEOPLE_SUFFIX, '')) {
      short = peeled;
    }
    // 回族乡 and the like name their people without 民族.
  } else if (suffix === '乡' && PEOPLE_SUFFIX.test(short) && short.replace(PEOPLE_SUFFIX, '').length >= 2) {
    short = short.replace(PEOPLE_SUFFIX, '');
  }
  return short.length >= 2 ? short : name;
}

/** The English word each kind adds after the romanised name (a prefecture-level city is its name alone). */
const KIND_WORDS: Record<string, string> = {
  AUTONOMOUS_REGION: 'Autonomous Region',
  AUTONOMOUS_PREFECTURE: 'Autonomous Prefecture',
  PREFECTURE: 'Prefecture',
  LEAGUE: 'League',
  DISTRICT: 'District',
  COUNTY: 'County',
  AUTONOMOUS_COUNTY: 'Autonomous County',
  BANNER: 'Banner',
  FORESTRY_DISTRICT: 'Forestry District',
  SPECIAL_DISTRICT: 'Special District',
  SUBDISTRICT: 'Subdistrict',
  TOWN: 'Town',
  TOWNSHIP: 'Township',
};

/** The romanised English name of a division ("Furong District"); a statistical zone's whole name is romanised. */
export function englishNameOf(name: string, shortName: string, kind: string): string {
  if (kind === 'STATISTICAL_ZONE') return romanise(name);
  const word = KIND_WORDS[kind];
  return word ? `${romanise(shortName)} ${word}` : romanise(shortName);
}
