/** Sections: patient and staff; the procedure. */
import type { NoteDocument } from '../document';
import { NOT_RECORDED, sideText, statusText, v, when, yn, type ContentSection } from './format';

export function identitySection(doc: NoteDocument): ContentSection {
  const n = doc.note;
  return {
    id: 'identity',
    title: 'Patient and staff',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Patient name', v(n.identity.patientName)],
          ['Patient ID', v(n.identity.patientId)],
          ['Date of birth', v(n.identity.birthDate)],
          ['Two identifiers checked', yn(n.identity.identifiersChecked)],
          ['Date and time', when(n.performedAt)],
          ['Operator', n.staff.operator ? `${n.staff.operator}${n.staff.operatorRole ? ` (${n.staff.operatorRole})` : ''}` : NOT_RECORDED],
          ['Supervisor', v(n.staff.supervisor)],
          ['Assistant', v(n.staff.assistant)],
        ],
      },
    ],
  };
}

export function procedureSection(doc: NoteDocument): ContentSection {
  const p = doc.note.procedure;
  const rows: [string, string][] = [
    ['Status', statusText(doc.note)],
    ['Block', v(p.blockName)],
    ['Side', sideText(p.side)],
    ['Level', v(p.level)],
    ['Approach', v(p.approach)],
    ['Technique', p.technique === 'catheter' ? 'catheter' : p.technique === 'single-shot' ? 'single shot' : NOT_RECORDED],
    ['Indication', v(p.indication)],
    ['Surgery / procedure', v(p.surgery)],
    ['Position', v(p.position)],
  ];
  if (p.catheter) {
    rows.push(
      ['Catheter depth at skin', v(p.catheter.depthAtSkinCm, 'cm')],
      ['Catheter secured', v(p.catheter.secured)],
      ['Catheter test dose', v(p.catheter.testDose)],
      ['Infusion plan', v(p.catheter.infusionPlan)],
    );
  }
  return { id: 'procedure', title: 'Procedure', blocks: [{ kind: 'fields', rows }] };
}
