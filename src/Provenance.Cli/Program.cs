System.Console.WriteLine("provenance");
