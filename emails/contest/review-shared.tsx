import { Section } from "@react-email/section";
import { Text } from "@react-email/text";

// What the review emails share: a plain list of proposal titles in a shaded box.

const styles = {
  box: { backgroundColor: "#f8fafc", border: "1px solid #e2e8f0", borderRadius: "6px", padding: "12px 16px", margin: "0 0 16px" },
  label: { fontSize: "12px", color: "#475569", margin: "0 0 4px" },
  item: { fontSize: "15px", lineHeight: "1.7", color: "#0f172a", margin: "0" },
};

export function TitleList({ label, titles }: { label: string; titles: string[] }) {
  return (
    <Section style={styles.box}>
      <Text style={styles.label}>{label}</Text>
      {titles.map((title, index) => (
        <Text key={`${index}-${title}`} style={styles.item}>
          ・{title}
        </Text>
      ))}
    </Section>
  );
}
