import ts from 'typescript';

/** `file` read by the TypeScript compiler as the packages build it, with a type checker. */
export function compileSource(file: string): { checker: ts.TypeChecker; source: ts.SourceFile } {
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
    skipLibCheck: true,
  });
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`${file} cannot be read`);
  return { checker: program.getTypeChecker(), source };
}
