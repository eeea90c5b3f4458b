"""Problems found in a dataset, each naming its file, record and field."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DatasetError", "Problem"]


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.record:
            where += f": {self.record}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.message}"


class DatasetError(Exception):
    """The dataset cannot be used; ``problems`` says everything that is wrong with it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the dataset")
