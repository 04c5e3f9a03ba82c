/** `<option>`s for a unit picker: 部局 first, their 所属 indented beneath (see listDepartmentOptions). */
export function DepartmentOptions({ departments }: { departments: { id: number; name: string; depth: number }[] }) {
  return (
    <>
      {departments.map((d) => (
        <option key={d.id} value={d.id}>
          {"　".repeat(d.depth)}
          {d.name}
        </option>
      ))}
    </>
  );
}
