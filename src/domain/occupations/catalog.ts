/**
 * The work rural laborers actually do, coded by the 2022 national occupational classification
 * (大类-中类-小类-细类). Codes were checked against the classification; the list is what the
 * ledger, postings and matching use before a full classification is imported.
 */
export interface Occupation {
  code: string;
  zh: string;
  en: string;
}

export const BUILTIN_OCCUPATIONS: readonly Occupation[] = [
  // construction
  { code: '6-29-01-01', zh: '砌筑工', en: 'Bricklayer' },
  { code: '6-29-01-03', zh: '混凝土工', en: 'Concrete worker' },
  { code: '6-29-01-04', zh: '钢筋工', en: 'Steel fixer' },
  { code: '6-29-01-05', zh: '架子工', en: 'Scaffolder' },
  { code: '6-29-01-07', zh: '乡村建设工匠', en: 'Rural building craftsman' },
  { code: '6-29-02-03', zh: '筑路工', en: 'Road builder' },
  { code: '6-29-02-04', zh: '公路养护工', en: 'Road maintenance worker' },
  { code: '6-29-02-08', zh: '防水工', en: 'Waterproofing worker' },
  { code: '6-29-02-15', zh: '管道工', en: 'Pipe layer' },
  { code: '6-29-03-02', zh: '电气设备安装工', en: 'Electrical installer' },
  { code: '6-29-04-01', zh: '装饰装修工', en: 'Decorator and finisher' },
  { code: '6-06-03-01', zh: '手工木工', en: 'Carpenter' },
  { code: '6-18-02-04', zh: '焊工', en: 'Welder' },
  { code: '6-30-05-05', zh: '挖掘铲运和桩工机械司机', en: 'Excavator and piling machine operator' },
  // factory work
  { code: '6-05-01-03', zh: '缝纫工', en: 'Sewing machine operator' },
  { code: '6-05-04-01', zh: '制鞋工', en: 'Shoemaker' },
  { code: '6-31-05-00', zh: '包装工', en: 'Packer' },
  { code: '6-20-01-01', zh: '装配钳工', en: 'Assembly fitter' },
  { code: '6-25-01-12', zh: '电子产品制版工', en: 'Electronics assembly worker' },
  { code: '6-01-04-03', zh: '肉制品加工工', en: 'Meat processing worker' },
  { code: '6-02-04-01', zh: '乳品加工工', en: 'Dairy processing worker' },
  { code: '6-01-06-00', zh: '果蔬坚果加工工', en: 'Fruit, vegetable and nut processor' },
  { code: '6-09-03-17', zh: '民间工艺品制作工', en: 'Folk handicraft maker' },
  // services
  { code: '4-09-08-01', zh: '保洁员', en: 'Cleaner' },
  { code: '4-09-08-02', zh: '生活垃圾清运工', en: 'Refuse collector' },
  { code: '4-09-10-01', zh: '园林绿化工', en: 'Landscaping worker' },
  { code: '4-07-05-01', zh: '保安员', en: 'Security guard' },
  { code: '4-03-02-01', zh: '中式烹调师', en: 'Chinese cook' },
  { code: '4-03-02-02', zh: '中式面点师', en: 'Chinese pastry cook' },
  { code: '4-03-02-05', zh: '餐厅服务员', en: 'Waiter' },
  { code: '4-03-01-02', zh: '客房服务员', en: 'Room attendant' },
  { code: '4-10-01-06', zh: '家政服务员', en: 'Domestic helper' },
  { code: '4-10-01-05', zh: '养老护理员', en: 'Elderly care worker' },
  { code: '4-10-01-03', zh: '保育师', en: 'Childcare worker' },
  { code: '4-01-02-03', zh: '商品营业员', en: 'Shop assistant' },
  { code: '4-01-02-04', zh: '收银员', en: 'Cashier' },
  { code: '4-01-06-01', zh: '电子商务师', en: 'E-commerce operator' },
  { code: '4-06-01-01', zh: '物业管理师', en: 'Property manager' },
  // logistics and driving
  { code: '4-02-05-01', zh: '装卸搬运工', en: 'Loader and porter' },
  { code: '4-02-06-01', zh: '仓储管理员', en: 'Warehouse keeper' },
  { code: '4-02-07-08', zh: '快递员', en: 'Courier' },
  { code: '4-10-08-01', zh: '网约配送员', en: 'Delivery rider' },
  { code: '4-02-02-02', zh: '道路货运汽车驾驶员', en: 'Truck driver' },
  { code: '4-02-02-01', zh: '客运车辆驾驶员', en: 'Bus driver' },
  // farming, forestry, livestock
  { code: '5-01-02-01', zh: '农艺工', en: 'Crop farm worker' },
  { code: '5-01-02-02', zh: '园艺工', en: 'Greenhouse and horticulture worker' },
  { code: '5-01-02-03', zh: '食用菌生产工', en: 'Mushroom grower' },
  { code: '5-01-02-05', zh: '中药材种植员', en: 'Medicinal herb grower' },
  { code: '5-03-02-01', zh: '家畜饲养员', en: 'Livestock keeper' },
  { code: '5-03-02-02', zh: '家禽饲养员', en: 'Poultry keeper' },
  { code: '5-02-03-01', zh: '护林员', en: 'Forest ranger' },
  { code: '5-05-05-01', zh: '农机驾驶操作员', en: 'Farm machinery operator' },
  { code: '5-05-04-00', zh: '农村环境保护工', en: 'Rural environment worker' },
];

const byCode = new Map(BUILTIN_OCCUPATIONS.map((o) => [o.code, o]));
const byName = new Map(BUILTIN_OCCUPATIONS.flatMap((o) => [[o.zh, o] as const, [o.en.toLowerCase(), o] as const]));

/** Occupation code shape: 1 to 4 levels, `6`, `6-29`, `6-29-01`, `6-29-01-01`. */
export const OCCUPATION_CODE = /^\d{1,2}(-\d{2}){0,3}$/;

export function builtinOccupation(code: string): Occupation | undefined {
  return byCode.get(code);
}

/** Finds a built-in occupation by code, Chinese name or English name (case-insensitive). */
export function findBuiltinOccupation(text: string): Occupation | undefined {
  const t = text.trim();
  return byCode.get(t) ?? byName.get(t) ?? byName.get(t.toLowerCase());
}

/**
 * How closely two occupation codes agree in the classification: 4 same detailed occupation,
 * 3 same minor group, 2 same medium group, 1 same major group, 0 otherwise.
 */
export function occupationAffinity(a: string, b: string): number {
  const pa = a.split('-');
  const pb = b.split('-');
  let n = 0;
  while (n < Math.min(pa.length, pb.length) && pa[n] === pb[n]) n++;
  return n;
}
