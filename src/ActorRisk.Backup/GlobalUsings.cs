global using System.Globalization;
global using System.IO.Compression;
global using System.Security.Cryptography;
global using System.Text.Json;
global using Azure;
global using Azure.Data.Tables;
