package cn.zoufang.ledger;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Bodies of {@code /api/v1/work-calendar}. */
public final class WorkCalendarDtos {

    private WorkCalendarDtos() {
    }

    public record DayInput(
            @NotNull(message = "请填写日期") LocalDate date,
            @NotNull(message = "请说明是放假还是调休上班") DayKind kind,
            @NotBlank(message = "请填写名称，如“春节”") @Size(max = 40, message = "名称不能超过 40 字") String name) {
    }

    /** A year's whole schedule as published; it replaces what was there. */
    public record YearInput(
            @NotBlank(message = "请注明出处，如国务院办公厅通知的文号") @Size(max = 300, message = "出处不能超过 300 字") String source,
            @NotEmpty(message = "请列出放假和调休上班的日期") @Size(max = 80, message = "最多 80 天") List<@Valid @NotNull DayInput> days) {
    }

    public record DayView(LocalDate date, DayKind kind, String kindLabel, String name) {
    }

    /** {@code sourced} false: the year is not published yet and counts Monday–Friday. */
    public record YearView(int year, boolean sourced, String source, List<DayView> days) {
    }
}
