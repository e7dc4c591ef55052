// Reading the project's Markdown the way GitHub shows it: code (fenced and inline), links, heading anchors.

/** The fenced blocks' lines (with `\` continuations joined) and the inline code spans, outside fences. */
export function quotedCode(markdown: string): string[] {
  const quoted: string[] = [];
  const prose: string[] = [];
  let fence: string[] | null = null;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) {
      if (fence)
        quoted.push(
          ...fence
            .join('\n')
            .replace(/\s*\\\n\s*/g, ' ')
            .split('\n'),
        );
      fence = fence ? null : [];
    } else if (fence) fence.push(line);
    else prose.push(line);
  }
  for (const match of prose.join('\n').matchAll(/`([^`\n]+)`/g)) quoted.push(match[1]!);
  return quoted;
}

/** The targets of `[text](target)` and `![alt](target)` links outside code. */
export function linkTargets(markdown: string): string[] {
  const text = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
}

/** GitHub's anchors for a file's headings: lowercased, punctuation dropped, spaces as `-`, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const text = markdown.replace(/```[\s\S]*?```/g, '');
  for (const match of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = match[1]!
      .replace(/`/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count ? `${slug}-${count}` : slug);
  }
  return anchors;
}
