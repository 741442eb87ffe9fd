import { contractSuite } from "./contractSuite.js"
import { inProcess, socket } from "./support.js"

contractSuite(inProcess)
contractSuite(socket)
