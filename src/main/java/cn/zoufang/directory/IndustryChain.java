package cn.zoufang.directory;

/** The zone's 1+3 industry chains: electronic information leads, three follow. */
public enum IndustryChain {
    ELECTRONIC_INFORMATION("电子信息"),
    NEW_ENERGY_VEHICLE("新能源汽车及汽车零部件"),
    MEDICINE_FOOD("医药食品"),
    EQUIPMENT("装备制造"),
    OTHER("其他");

    private final String label;

    IndustryChain(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
