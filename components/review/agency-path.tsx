import Link from 'next/link';

/**
 * The way from the reviewer's own agency down to the one shown (summary and analysis drilled
 * down): each agency above links to its own page, the one shown is plain.
 */
export function AgencyPath({ path, href, label, testId }: { path: { agencyId: string; agencyName: string }[]; href: (agencyId: string) => string; label: string; testId: string }) {
  if (path.length < 2) return null;
  return (
    <nav aria-label={label} className="breadcrumb" data-testid={testId}>
      {path.map((p, i) => (
        <span key={p.agencyId}>
          {i > 0 && ' › '}
          {i < path.length - 1 ? <Link href={href(p.agencyId)}>{p.agencyName}</Link> : <strong aria-current="page">{p.agencyName}</strong>}
        </span>
      ))}
    </nav>
  );
}
