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

    /** The name a department had until a rename. */
    public record FormerName(String name, java.time.OffsetDateTime until) {
    }

    public record Merge(@jakarta.validation.constraints.NotNull(message = "请选择并入的单位") UUID intoId) {
    }

    /** {@code formerNames}: older names first; {@code mergedInto}: set once merged (closed issues still name it). */
    public record DepartmentView(UUID id, String name, String shortName, java.util.List<FormerName> formerNames,
            UUID mergedInto, long version) {
        static DepartmentView of(Department d, java.util.List<FormerName> formerNames) {
            return new DepartmentView(d.id, d.name, d.shortName, formerNames, d.mergedInto, d.version);
        }
    }
}
