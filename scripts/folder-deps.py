#!/usr/bin/env python3
"""Lists, for each folder of Sources/Engine, the Engine folders whose types it uses, and fails on a cycle.

    scripts/folder-deps.py            the dependencies, then the cycles (exit 1 when there is one)
    scripts/folder-deps.py --why A B  the names folder A uses from folder B, and where

A folder is a direct child of Sources/Engine (its subfolders belong to it). A folder uses another
when its code (comments and string literals aside) names a type, protocol, type alias, or a
top-level function or constant that the other declares at the top level of a file. It reads text,
so it approximates what the compiler knows: enough to keep the layers apart.
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "Engine")
DECLARATION = re.compile(
    r"^(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private|final|indirect|nonisolated)\s+)*"
    r"(?:struct|class|enum|protocol|actor|typealias|func|let|var)\s+([A-Za-z_]\w*)")
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


def strip(source):
    """The code without comments and string literals (whose text names no dependency)."""
    out, i, n = [], 0, len(source)
    while i < n:
        if source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif source[i] == '"' or source.startswith('#"', i):
            hashes = len(source[i:]) - len(source[i:].lstrip("#"))
            start = i + hashes
            quote = '"""' if source.startswith('"""', start) else '"'
            close = quote + "#" * hashes
            j = start + len(quote)
            while j < n and not source.startswith(close, j):
                j += 2 if source[j] == "\\" and not hashes else 1
            i = j + len(close)
            out.append('""')
        else:
            out.append(source[i])
            i += 1
    return "".join(out)


def folders():
    """Folder name to the stripped text of each of its Swift files, by path."""
    result = {}
    for name in sorted(os.listdir(ROOT)):
        path = os.path.join(ROOT, name)
        if not os.path.isdir(path):
            continue
        files = {}
        for directory, _, names in os.walk(path):
            for file in sorted(names):
                if file.endswith(".swift"):
                    full = os.path.join(directory, file)
                    with open(full, encoding="utf-8") as handle:
                        files[os.path.relpath(full, ROOT)] = strip(handle.read())
        result[name] = files
    return result


def declarations(files):
    """The names a folder declares at the top level of its files."""
    names = set()
    for text in files.values():
        for line in text.splitlines():
            match = DECLARATION.match(line)
            if match:
                names.add(match.group(1))
    return names


def graph(tree):
    """Folder to {used folder: {name: [files]}}."""
    owner = {}
    for folder, files in tree.items():
        for name in declarations(files):
            owner.setdefault(name, set()).add(folder)
    uses = {folder: {} for folder in tree}
    for folder, files in tree.items():
        for path, text in files.items():
            for name in set(IDENTIFIER.findall(text)):
                for other in owner.get(name, ()):
                    if other != folder:
                        uses[folder].setdefault(other, {}).setdefault(name, []).append(path)
    return uses


def cycles(uses):
    """The strongly connected components of more than one folder (Tarjan), each sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(uses[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(uses):
        if node not in index:
            visit(node)
    return found


def main(arguments):
    uses = graph(folders())
    if arguments[:1] == ["--why"] and len(arguments) == 3:
        a, b = arguments[1], arguments[2]
        for name, paths in sorted(uses.get(a, {}).get(b, {}).items()):
            print(f"{a} -> {b}: {name} ({', '.join(sorted(set(paths)))})")
        return 0
    if arguments:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    width = max(len(folder) for folder in uses)
    for folder in sorted(uses):
        print(f"{folder:<{width}}  uses {', '.join(sorted(uses[folder])) or '(nothing)'}")
    found = cycles(uses)
    for component in found:
        members = set(component)
        edges = [f"{a}->{b}" for a in component for b in sorted(uses[a]) if b in members]
        print(f"cycle: {' '.join(component)} ({', '.join(edges)})")
        for a in component:
            for b in sorted(uses[a]):
                if a < b and a in uses.get(b, {}):
                    print(f"  {a} <-> {b}: {', '.join(sorted(uses[a][b]))} / {', '.join(sorted(uses[b][a]))}")
    if found:
        print("folder-deps: Engine folders depend on each other in a cycle (scripts/folder-deps.py --why A B names the types)")
        return 1
    print("folder-deps: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
