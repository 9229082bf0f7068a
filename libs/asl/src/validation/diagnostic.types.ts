/** One finding of `validateDefinition`, shaped like AWS's ValidateStateMachineDefinitionDiagnostic. */
export interface Diagnostic {
  severity: 'ERROR' | 'WARNING';
  code: string;
  message: string;
  location?: string;
}
