import { contractSuite } from "./contractSuite.js"
import { effectLayer, inProcess, socket } from "./support.js"

contractSuite(inProcess)
contractSuite(socket)
contractSuite(effectLayer)
