#!/usr/bin/env python3
"""The layering architecture.md promises, checked on the sources (CI runs it):

- the language server calls no engine: its features come from ICPFeatures and the session;
- inside each module of the core, the workspace layer and the feature layer, no two folders
  use each other's types (no folder cycles), so a folder can be read knowing only those it uses;
- no module imports one it may not (the manifest enforces it too; this says which).
Exits 1 naming what breaks it.
"""
import collections, glob, os, re, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources")
problems = []

for path in glob.glob(f"{root}/ICPLanguageServer/**/*.swift", recursive=True):
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        code = line.split("//")[0]
        if re.search(r"\bengine\.", code) or re.search(r"\.engine\b", code):
            problems.append(f"{os.path.relpath(path, root)}:{number}: the server calls the engine; ask the feature layer or the session")

allowed = {
    "ICPLanguage": set(),
    "ICPEngine": {"ICPLanguage"},
    "ICPBuilders": {"ICPLanguage", "ICPEngine"},
    "ICPInsights": {"ICPLanguage", "ICPEngine"},
    "ICPDataset": {"ICPLanguage", "ICPEngine"},
}
ours = {"ICPLanguage", "ICPEngine", "ICPBuilders", "ICPInsights", "ICPDataset", "ICPWorkspace", "ICPFeatures", "ICPLanguageServer"}
for module, may in allowed.items():
    for path in glob.glob(f"{root}/{module}/**/*.swift", recursive=True):
        for imported in re.findall(r"^import (\w+)$", open(path, encoding="utf-8").read(), re.M):
            if imported in ours and imported not in may:
                problems.append(f"{os.path.relpath(path, root)}: {module} imports {imported}, which it may not")

for module in ["ICPLanguage", "ICPEngine", "ICPBuilders", "ICPInsights", "ICPWorkspace", "ICPFeatures"]:
    base = f"{root}/{module}"
    files = glob.glob(f"{base}/**/*.swift", recursive=True)
    folder = lambda path: os.path.relpath(path, base).split(os.sep)[0] if os.sep in os.path.relpath(path, base) else "."
    declared = {}
    for path in files:
        for name in re.findall(r"^(?:public |package |private |internal |fileprivate )?(?:final )?(?:struct|enum|class|protocol|actor|typealias)\s+(\w+)", open(path, encoding="utf-8").read(), re.M):
            declared.setdefault(name, folder(path))
    uses = collections.defaultdict(set)
    for path in files:
        text = re.sub(r"//.*", "", open(path, encoding="utf-8").read())
        for name, owner in declared.items():
            if owner != folder(path) and re.search(rf"\b{name}\b", text):
                uses[folder(path)].add(owner)
    for a in sorted(uses):
        for b in sorted(uses[a]):
            if a < b and a in uses.get(b, set()):
                problems.append(f"{module}: the folders {a} and {b} use each other")

for problem in problems:
    print(problem)
print(f"layers: {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
