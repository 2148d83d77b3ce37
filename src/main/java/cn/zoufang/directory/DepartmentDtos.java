package cn.zoufang.directory;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Bodies of {@code /api/v1/departments}. */
public final class DepartmentDtos {

    private DepartmentDtos() {
    }

    public record NewDepartment(
            @NotBlank(message = "请填写单位名称") @Size(max = 100, message = "单位名称不能超过 100 字") String name,
            @Size(max = 40, message = "简称不能超过 40 字") String shortName) {
    }

    public record DepartmentView(UUID id, String name, String shortName) {
        static DepartmentView of(Department d) {
            return new DepartmentView(d.id, d.name, d.shortName);
        }
    }
}
