import type { CellRef, ReportTemplate, SumRule, TableKey } from '../template/types';
import { computedCells, sectionOfTable, tableCells, tableName, type CellInfo } from '../template/walk';
import { cellId, rulePositions, ruleSides } from '../report/cells';

/** A sum rule at one position (a column or a row), with its cells resolved once. */
export type RuleInstance = {
  rule: SumRule;
  position: string;
  where: string;
  lhs: CellRef[];
  rhs: CellRef[];
  /**
   * Every cell of the equation is a total the form computes (表三's 总计 column under R1):
   * with computed totals it can only fail because another position fails, so it is not
   * reported twice.
   */
  derived: boolean;
};

export type TableInfo = {
  key: TableKey;
  name: string;
  section: string;
  cells: CellInfo[];
  computed: Set<string>;
};

/**
 * Everything about a template the checks need, worked out once per template: checks run on
 * every keystroke, so nothing in the hot path walks the header trees.
 */
export type CheckContext = {
  template: ReportTemplate;
  tables: TableInfo[];
  rules: RuleInstance[];
  cellLabel(ref: CellRef): string;
};

const contexts = new WeakMap<ReportTemplate, CheckContext>();

/** 「（三）不予公开 1.属于国家秘密」: a numbered sub-item is only unique with its group. */
function rowName(path: string[]): string {
  const last = path[path.length - 1];
  return path.length >= 2 && /^\d/.test(last) ? `${path[path.length - 2]} ${last}` : last;
}

export function checkContext(template: ReportTemplate): CheckContext {
  const hit = contexts.get(template);
  if (hit) return hit;
  const keys = Object.keys(template.tables) as TableKey[];
  const tables: TableInfo[] = keys.map((key) => ({
    key,
    name: tableName(template, key),
    section: sectionOfTable(template, key).key,
    cells: tableCells(template, key),
    computed: computedCells(template, key),
  }));
  const byId = new Map<string, CellInfo>();
  for (const t of tables) for (const c of t.cells) byId.set(cellId(c), c);
  const rowNames = new Map<string, string>();
  const colNames = new Map<string, string>();
  for (const c of byId.values()) {
    rowNames.set(`${c.table}.${c.row}`, rowName(c.rowPath));
    colNames.set(`${c.table}.${c.col}`, c.colLabel);
  }
  const rules: RuleInstance[] = template.rules.flatMap((rule) =>
    rulePositions(template, rule).map((position) => {
      const { lhs, rhs } = ruleSides(rule, position);
      const where =
        rule.along === 'column'
          ? `「${colNames.get(`${rule.table}.${position}`) ?? position}」列`
          : `「${rowNames.get(`${rule.table}.${position}`) ?? position}」行`;
      const computed = tables.find((t) => t.key === rule.table)!.computed;
      const derived = [...lhs, ...rhs].every((c) => computed.has(`${c.row}.${c.col}`));
      return { rule, position, where, lhs, rhs, derived };
    }),
  );
  const ctx: CheckContext = {
    template,
    tables,
    rules,
    cellLabel(ref) {
      const c = byId.get(cellId(ref));
      if (!c) return cellId(ref);
      return `${tableName(template, ref.table)}「${rowName(c.rowPath)}」·「${c.colLabel}」`;
    },
  };
  contexts.set(template, ctx);
  return ctx;
}
