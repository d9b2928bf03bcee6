#!/usr/bin/env python3
"""Checks the layout ARCHITECTURE.md describes, for the page (src/) and the dev hub
(crates/devhub/src/):

- no import circle among a crate's modules (a module is a file; an edge A -> B means A names an
  item of B in a `use` or a `crate::`/`super::` path; re-exports and `mod` lines are not uses);
- the page's shared leaves (api, strings, config, context, ui) import no feature, and no feature
  imports a host; in the dev hub, nothing imports its top layer (`app`, which composes the hub,
  and `dev`, the simulations around it) but that layer itself;
- every string `src/strings/mod.rs` and `locales/en.json` define is used;
- no source file over 400 lines and no top-level function over 80 lines, unless the file's or
  the function's doc comment says why ("Long because …").

Prints what it finds and exits 1 if anything is wrong.
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_FILE, MAX_FN = 400, 80
REASON = "Long because"


def modules(src):
    """Module path (tuple) -> file, for every .rs file under src."""
    found = {}
    for dirpath, _, files in os.walk(src):
        for f in files:
            if not f.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), src)[:-3].split(os.sep)
            if rel[-1] in ("mod", "lib", "main"):
                rel = rel[:-1]
            found[tuple(rel)] = os.path.join(dirpath, f)
    return found


def expand(tree):
    """`a::{b, c::{d, e}}` -> [a::b, a::c::d, a::c::e]."""
    tree = tree.strip()
    depth, start = 0, None
    for i, ch in enumerate(tree):
        if ch == "{":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                prefix, inner = tree[:start], tree[start + 1 : i]
                parts, d, last = [], 0, 0
                for j, c in enumerate(inner):
                    if c == "{":
                        d += 1
                    elif c == "}":
                        d -= 1
                    elif c == "," and d == 0:
                        parts.append(inner[last:j])
                        last = j + 1
                parts.append(inner[last:])
                out = []
                for p in parts:
                    if p.strip():
                        out += [prefix + e for e in expand(p)]
                return out
    return [tree.split(" as ")[0].strip()]


def resolve(path, here, known):
    """The module a path names an item of, or None outside the crate."""
    segs = [s for s in path.split("::") if s]
    if not segs:
        return None
    if segs[0] == "crate":
        base, rest = (), segs[1:]
    elif segs[0] in ("super", "self"):
        base = here
        while segs and segs[0] in ("super", "self"):
            if segs[0] == "super":
                base = base[:-1]
            segs = segs[1:]
        rest = segs
    else:
        # A child module named without `self::`, as in `use flows::OauthFlows`.
        if here + (segs[0],) in known:
            base, rest = here, segs
        else:
            return None
    for n in range(len(rest), -1, -1):
        if base + tuple(rest[:n]) in known:
            return base + tuple(rest[:n])
    return None


def edges(known):
    graph = {m: set() for m in known}
    for mod, path in known.items():
        text = open(path).read()
        # Unit tests (`#[cfg(test)] mod tests`, last in a file) are not part of the layout: their
        # `super` is the file itself.
        text = text.split("#[cfg(test)]")[0]
        text = re.sub(r"//[^\n]*", "", text)
        for m in re.finditer(r"(?m)^\s*(pub(?:\([^)]*\))?\s+)?use\s+([^;]+);", text):
            if m.group(1):
                continue  # a re-export
            for p in expand(m.group(2).replace("\n", " ")):
                target = resolve(p, mod, known)
                if target is not None and target != mod:
                    graph[mod].add(target)
        for m in re.finditer(r"\b((?:crate|super)(?:::\w+)+)", text):
            target = resolve(m.group(1), mod, known)
            if target is not None and target != mod:
                graph[mod].add(target)
    return graph


def cycles(graph):
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(comp)

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            strong(v)
    return out


def name(mod):
    return "::".join(mod) or "crate"


def sizes(known):
    problems = []
    for mod, path in sorted(known.items()):
        lines = open(path).read().split("\n")
        head = "\n".join(lines[:15])
        if len(lines) > MAX_FILE and REASON not in head:
            problems.append(f"{os.path.relpath(path, ROOT)}: {len(lines)} lines (over {MAX_FILE})")
        i = 0
        while i < len(lines):
            m = re.match(r"(pub(\([^)]*\))? )?(async )?fn (\w+)", lines[i])
            if m:
                j = i
                while j < len(lines) and lines[j] != "}":
                    j += 1
                k = i - 1
                doc = []
                while k >= 0 and (lines[k].startswith("///") or lines[k].startswith("#[") or lines[k].startswith("//")):
                    doc.append(lines[k])
                    k -= 1
                if j - i + 1 > MAX_FN and REASON not in "\n".join(doc):
                    problems.append(
                        f"{os.path.relpath(path, ROOT)}:{i + 1}: fn {m.group(4)} is {j - i + 1} lines (over {MAX_FN})"
                    )
                i = j
            i += 1
    return problems


def unused_strings():
    """Strings the page defines but never shows: `locales/` and `strings/` are the one place,
    not a graveyard. A key is used by `t!(locale, key…)` or `tl!(locale, key)`; a plural's forms (`key_singular`,
    `key_plural`) count as used with either."""
    strings = os.path.join(ROOT, "src", "strings", "mod.rs")
    text = open(strings).read()
    names = re.findall(r"(?m)^pub (?:const|fn) (\w+)", text)
    rest = ""
    for dirpath, _, files in os.walk(os.path.join(ROOT, "src")):
        for f in files:
            path = os.path.join(dirpath, f)
            if f.endswith(".rs") and path != strings:
                rest += open(path).read()
    own = re.sub(r"(?m)^pub (?:const|fn) \w+", "", text)
    problems = [
        f"src/strings/mod.rs: {n} is never used"
        for n in names
        if not re.search(rf"\bstrings::{n}\b", rest) and not re.search(rf"\b{n}\b", own)
    ]
    keys = json.load(open(os.path.join(ROOT, "locales", "en.json")))
    used = set(re.findall(r"\btl?!\(\s*[^,]+,\s*(\w+)", rest + text))
    problems += [f"locales/en.json: {k} is never used" for k in keys if k not in used]
    return problems


def main():
    failed = False
    rules = {
        "src": ({"api", "strings", "config", "context", "ui"}, {"hosts"}),
        "crates/devhub/src": (set(), {"app", "dev"}),
    }
    for src, (leaves, hosts) in rules.items():
        known = modules(os.path.join(ROOT, src))
        graph = edges(known)
        # Children are part of their parent: drop parent -> child edges before looking for circles.
        flat = {m: {t for t in ts if t[: len(m)] != m} for m, ts in graph.items()}
        for comp in cycles(flat):
            failed = True
            print(f"{src}: import circle: " + " -> ".join(name(m) for m in sorted(comp)))
        for mod, targets in graph.items():
            if mod and mod[0] in leaves:
                for t in targets:
                    if t and t[0] not in leaves:
                        failed = True
                        print(f"{src}: shared leaf {name(mod)} imports feature {name(t)}")
            if mod and mod[0] not in hosts:
                for t in targets:
                    if t and t[0] in hosts and mod[0] not in hosts:
                        failed = True
                        print(f"{src}: {name(mod)} imports host {name(t)}")
        for p in sizes(known):
            failed = True
            print(p)
        print(f"{src}: {len(known)} modules, {sum(len(t) for t in flat.values())} imports checked")
    for p in unused_strings():
        failed = True
        print(p)
    if failed:
        sys.exit(1)
    print("layout: no import circle, leaves and hosts in place, sizes within bounds")


if __name__ == "__main__":
    main()
