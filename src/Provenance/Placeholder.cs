namespace Provenance; internal static class Placeholder { }
