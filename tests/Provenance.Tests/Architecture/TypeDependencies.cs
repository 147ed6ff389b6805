using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Provenance.Tests.Architecture;

/// <summary>
/// Reads which of an assembly's own types each of its types uses, from the compiled metadata (ECMA-335), not from the
/// source: base types and interfaces, generic constraints, field, method, property and event signatures, local
/// variables, attribute constructors, and every type, method and field token in method bodies. A nested type (closures,
/// async state machines, iterators) counts as its outermost type, so an async method's body is its declaring type's.
/// </summary>
/// <remarks>
/// Constants (<c>const</c> strings and enum values) are copied into the IL of their users and leave no reference; they
/// are not seen.
/// </remarks>
internal static class TypeDependencies
{
    // Operand kinds of every IL opcode, from the runtime's own table, so the walker knows how far to skip.
    private static readonly Dictionary<ushort, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => unchecked((ushort)o.Value), o => o.OperandType);

    /// <summary>A use of one type by another, both named by namespace and outermost type name.</summary>
    public readonly record struct TypeName(string Namespace, string Name)
    {
        public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}.{Name}";
    }

    /// <summary>Every (user, used) pair of distinct outermost types of the assembly at <paramref name="path"/>.</summary>
    public static HashSet<(TypeName From, TypeName To)> Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        var pairs = new HashSet<(TypeName, TypeName)>();
        foreach (TypeDefinitionHandle handle in metadata.TypeDefinitions)
        {
            var used = new HashSet<TypeDefinitionHandle>();
            new Collector(metadata, pe, used).CollectType(handle);
            TypeName from = Outermost(metadata, handle);
            foreach (TypeDefinitionHandle target in used)
            {
                TypeName to = Outermost(metadata, target);
                if (to != from)
                {
                    pairs.Add((from, to));
                }
            }
        }

        return pairs;
    }

    private static TypeName Outermost(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        TypeDefinition type = metadata.GetTypeDefinition(handle);
        while (type.GetDeclaringType() is { IsNil: false } declaring)
        {
            type = metadata.GetTypeDefinition(declaring);
        }

        string name = metadata.GetString(type.Name);
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return new TypeName(metadata.GetString(type.Namespace), tick < 0 ? name : name[..tick]);
    }

    private sealed class Collector(MetadataReader metadata, PEReader pe, HashSet<TypeDefinitionHandle> used)
        : ISignatureTypeProvider<object?, object?>
    {
        public void CollectType(TypeDefinitionHandle handle)
        {
            TypeDefinition type = metadata.GetTypeDefinition(handle);
            Add(type.BaseType);
            foreach (InterfaceImplementationHandle i in type.GetInterfaceImplementations())
            {
                Add(metadata.GetInterfaceImplementation(i).Interface);
            }

            Generics(type.GetGenericParameters());
            Attributes(type.GetCustomAttributes());
            foreach (FieldDefinitionHandle f in type.GetFields())
            {
                FieldDefinition field = metadata.GetFieldDefinition(f);
                field.DecodeSignature(this, null);
                Attributes(field.GetCustomAttributes());
            }

            foreach (PropertyDefinitionHandle p in type.GetProperties())
            {
                PropertyDefinition property = metadata.GetPropertyDefinition(p);
                property.DecodeSignature(this, null);
                Attributes(property.GetCustomAttributes());
            }

            foreach (EventDefinitionHandle e in type.GetEvents())
            {
                Add(metadata.GetEventDefinition(e).Type);
            }

            foreach (MethodDefinitionHandle m in type.GetMethods())
            {
                CollectMethod(metadata.GetMethodDefinition(m));
            }
        }

        private void CollectMethod(MethodDefinition method)
        {
            method.DecodeSignature(this, null);
            Generics(method.GetGenericParameters());
            Attributes(method.GetCustomAttributes());
            foreach (ParameterHandle p in method.GetParameters())
            {
                Attributes(metadata.GetParameter(p).GetCustomAttributes());
            }

            if (method.RelativeVirtualAddress == 0)
            {
                return;
            }

            MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                metadata.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null);
            }

            foreach (ExceptionRegion region in body.ExceptionRegions)
            {
                Add(region.CatchType);
            }

            Instructions(body.GetILReader());
        }

        private void Instructions(BlobReader il)
        {
            while (il.RemainingBytes > 0)
            {
                byte first = il.ReadByte();
                ushort code = first == 0xFE ? (ushort)(0xFE00 | il.ReadByte()) : first;
                switch (Operands[code])
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineSig or OperandType.InlineTok or OperandType.InlineType:
                        Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    default:
                        // InlineBrTarget, InlineI, InlineString, ShortInlineR: four bytes that name no type.
                        il.Offset += 4;
                        break;
                }
            }
        }

        private void Add(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    used.Add((TypeDefinitionHandle)handle);
                    break;
                case HandleKind.TypeSpecification:
                    metadata.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    break;
                case HandleKind.MethodDefinition:
                    MethodDefinition method = metadata.GetMethodDefinition((MethodDefinitionHandle)handle);
                    used.Add(method.GetDeclaringType());
                    method.DecodeSignature(this, null);
                    break;
                case HandleKind.FieldDefinition:
                    FieldDefinition field = metadata.GetFieldDefinition((FieldDefinitionHandle)handle);
                    used.Add(field.GetDeclaringType());
                    field.DecodeSignature(this, null);
                    break;
                case HandleKind.MemberReference:
                    MemberReference member = metadata.GetMemberReference((MemberReferenceHandle)handle);
                    Add(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        member.DecodeMethodSignature(this, null);
                    }
                    else
                    {
                        member.DecodeFieldSignature(this, null);
                    }

                    break;
                case HandleKind.MethodSpecification:
                    MethodSpecification specification = metadata.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Add(specification.Method);
                    specification.DecodeSignature(this, null);
                    break;
                case HandleKind.StandaloneSignature:
                    StandaloneSignature signature = metadata.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    if (signature.GetKind() == StandaloneSignatureKind.Method)
                    {
                        signature.DecodeMethodSignature(this, null);
                    }

                    break;
                default:
                    // Type references name other assemblies' types.
                    break;
            }
        }

        private void Generics(GenericParameterHandleCollection parameters)
        {
            foreach (GenericParameterHandle p in parameters)
            {
                foreach (GenericParameterConstraintHandle c in metadata.GetGenericParameter(p).GetConstraints())
                {
                    Add(metadata.GetGenericParameterConstraint(c).Type);
                }
            }
        }

        private void Attributes(CustomAttributeHandleCollection attributes)
        {
            foreach (CustomAttributeHandle a in attributes)
            {
                Add(metadata.GetCustomAttribute(a).Constructor);
            }
        }

        public object? GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            used.Add(handle);
            return null;
        }

        public object? GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
            => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public object? GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => null;

        public object? GetPrimitiveType(PrimitiveTypeCode typeCode) => null;

        public object? GetSZArrayType(object? elementType) => null;

        public object? GetArrayType(object? elementType, ArrayShape shape) => null;

        public object? GetByReferenceType(object? elementType) => null;

        public object? GetPointerType(object? elementType) => null;

        public object? GetPinnedType(object? elementType) => null;

        public object? GetGenericInstantiation(object? genericType, ImmutableArray<object?> typeArguments) => null;

        public object? GetGenericMethodParameter(object? genericContext, int index) => null;

        public object? GetGenericTypeParameter(object? genericContext, int index) => null;

        public object? GetFunctionPointerType(MethodSignature<object?> signature) => null;

        public object? GetModifiedType(object? modifier, object? unmodifiedType, bool isRequired) => null;
    }
}
