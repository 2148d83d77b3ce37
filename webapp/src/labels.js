// The API's enums as the pages show them (the same words as the service's labels).
export const CHAINS = [['ELECTRONIC_INFORMATION', '电子信息'], ['NEW_ENERGY_VEHICLE', '新能源汽车及汽车零部件'],
  ['MEDICINE_FOOD', '医药食品'], ['EQUIPMENT', '装备制造'], ['OTHER', '其他']];

export const SCALE_CATEGORIES = [['INDUSTRY', '规上工业'], ['SERVICES', '规上服务业'], ['TRADE', '限上企业'],
  ['CONSTRUCTION', '资质以上企业']];
