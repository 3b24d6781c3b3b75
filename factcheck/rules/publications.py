"""Rules for publications: files that are no documents, and files that are one publication."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from factcheck.rules._file import PatternRule, RuleFile, pattern_rules


@dataclass(frozen=True)
class Publications:
    skip_files: tuple[str, ...]  # globs on file names (lower case)
    ids: tuple[PatternRule, ...]  # official identifiers in file names, group "id"
    min_shared: float
    min_statements: int
    max_holders: int
    prefer: tuple[str, ...]  # formats, best first

    def skipped(self, name: str, extra: tuple[str, ...] = ()) -> str | None:
        """The glob a file name matches, if it is not a document."""
        low = name.lower()
        for glob in (*self.skip_files, *extra):
            if fnmatch.fnmatchcase(low, glob.lower()):
                return glob
        return None

    def publication_id(self, stem: str) -> str | None:
        low = stem.lower()
        for rule in self.ids:
            m = rule.pattern.search(low)
            if m:
                return m.group("id")
        return None


def load_publications(f: RuleFile) -> Publications:
    globs = []
    for where, entry in f.entries("skip_files"):
        f.check_keys(where, entry, ["glob", "example"])
        glob, example = f.text(where, entry, "glob"), f.text(where, entry, "example")
        if not fnmatch.fnmatchcase(example.lower(), glob.lower()):
            raise f.fail(f"{where}.example", f"the glob {glob!r} does not match its example",
                         example)
        globs.append(glob.lower())
    ids = pattern_rules(f, "ids")
    for rule in ids:
        if "id" not in rule.pattern.groupindex:
            raise f.fail(f"ids {rule.name!r}", "needs a named group (?P<id>…)")
    same = f.mapping("same_text", ["min_shared", "min_statements", "max_holders", "prefer",
                                   "example"])
    return Publications(
        skip_files=tuple(globs), ids=ids,
        min_shared=f.number("same_text", same, "min_shared", minimum=0.5, maximum=1),
        min_statements=int(f.number("same_text", same, "min_statements", minimum=1)),
        max_holders=int(f.number("same_text", same, "max_holders", minimum=2)),
        prefer=tuple(w.lower() for w in f.words("same_text", same, "prefer")))
